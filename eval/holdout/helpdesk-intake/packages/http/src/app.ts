import express, { type ErrorRequestHandler, type Express, type Request } from "express";
import type { TicketDesk } from "../../core/src/index.ts";
import type { Notifier } from "../../notify/src/index.ts";
import { HttpError } from "./http-error.ts";
import ticketRoutes from "./routes/tickets.ts";

export type Report = (error: Error, req: Request) => void;

export function createApp({ desk, notifier, report = () => {} }: { desk: TicketDesk; notifier: Notifier; report?: Report }): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "200kb" }));
  app.get("/healthz", (_req, res) => void res.json({ ok: true }));
  app.use("/api", ticketRoutes(desk, notifier));

  const errors: ErrorRequestHandler = (error, req, res, _next) => {
    if (error instanceof HttpError) return void res.status(error.status).json({ error: { code: error.code, message: error.message } });
    if ((error as { type?: string }).type === "entity.parse.failed") return void res.status(400).json({ error: { code: "invalid_json", message: "Body is not valid JSON" } });
    report(error as Error, req);
    res.status(500).json({ error: { code: "internal", message: "Something went wrong on our side" } });
  };
  app.use(errors);
  return app;
}
