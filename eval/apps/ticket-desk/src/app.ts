import Fastify from "fastify";
import { outboxNotifier, type Notifier } from "./notify.ts";
import { installErrorReporting, type Report } from "./plugins/error-reporting.ts";
import { ticketRoutes } from "./tickets/routes.ts";
import { createTicketStore, SEED_TICKETS, type TicketStore } from "./tickets/store.ts";

export interface Options {
  store?: TicketStore;
  notifier?: Notifier;
  report?: Report;
  clock?: () => Date;
}

export async function buildApp(options: Options = {}) {
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({ logger: false });
  installErrorReporting(app, options.report ?? ((error, request, level) => request.log[level === "error" ? "error" : "warn"](error)));
  await app.register(ticketRoutes, {
    store: options.store ?? createTicketStore(SEED_TICKETS, clock),
    notifier: options.notifier ?? outboxNotifier([]),
    clock,
  });
  return app;
}
