import type { AddressInfo } from "node:net";
import { ROSTER, TicketDesk, type Agent, type Ticket } from "../packages/core/src/index.ts";
import { createApp } from "../packages/http/src/index.ts";

export async function startDesk(agents: Agent[] = ROSTER) {
  const opened: Ticket[] = [];
  const reported: Error[] = [];
  const desk = new TicketDesk(agents, () => new Date("2026-11-27T09:00:00Z"));
  const app = createApp({ desk, notifier: { ticketOpened: async (ticket) => void opened.push(ticket) }, report: (error) => void reported.push(error) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(base + path, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  }
  return { desk, opened, reported, call, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const V5 = { "x-widget-version": "5.2.1" };
