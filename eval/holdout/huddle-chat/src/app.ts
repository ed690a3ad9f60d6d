import { Hono } from "hono";
import { messageRoutes } from "./routes/messages.ts";
import { roomRoutes } from "./routes/rooms.ts";
import { threadRoutes } from "./routes/threads.ts";
import type { Store } from "./store/memory.ts";

export type ErrorSink = (error: Error, request: Request) => void;

export const createApp = ({ store, report = () => {} }: { store: Store; report?: ErrorSink }) => {
  const app = new Hono();
  app.get("/healthz", (c) => c.text("ok"));
  app.route("/api", roomRoutes(store));
  app.route("/api", messageRoutes(store));
  app.route("/api", threadRoutes(store));
  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((error, c) => {
    report(error, c.req.raw);
    return c.json({ error: "something broke on our side" }, 500);
  });
  return app;
};
