import { buildApp } from "../src/app.ts";
import type { Notification } from "../src/notify.ts";
import { createTicketStore, SEED_TICKETS } from "../src/tickets/store.ts";

export const NOW = new Date("2026-11-05T10:00:00.000Z");

export async function testApp() {
  const outbox: Notification[] = [];
  const reports: Array<{ error: Error; level: string }> = [];
  const store = createTicketStore(SEED_TICKETS, () => NOW);
  const app = await buildApp({
    store,
    clock: () => NOW,
    notifier: { send: async (notification) => void outbox.push(notification) },
    report: (error, _request, level) => reports.push({ error, level }),
  });
  return { app, store, outbox, reports };
}
