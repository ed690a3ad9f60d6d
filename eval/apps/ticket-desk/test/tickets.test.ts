import { describe, expect, it } from "vitest";
import { testApp } from "./setup.ts";

describe("tickets", () => {
  it("lists open tickets of an agent", async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: "GET", url: "/tickets?status=open&assignee=agent.mira" });
    expect(response.json().tickets.map((t: { id: number }) => t.id)).toEqual([48211, 31077]);
  });

  it("shows migrated tickets with an empty watcher list", async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: "GET", url: "/tickets/31077" });
    expect(response.json().ticket.watchers).toEqual([]);
  });

  it("answers 404 for an unknown ticket", async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: "GET", url: "/tickets/1" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ statusCode: 404, error: "Not Found", message: "Ticket not found" });
  });

  it("opens a ticket from the widget with its context", async () => {
    const { app, store } = await testApp();
    const response = await app.inject({
      method: "POST",
      url: "/tickets",
      headers: { "x-widget-context": JSON.stringify({ page: "/reports", appVersion: "web-8.2.0" }) },
      payload: { subject: "Charts are empty", email: "kim@example.org", message: "Since this morning." },
    });
    expect(response.statusCode).toBe(201);
    const created = store.get(response.json().ticket.id);
    expect(created?.context).toEqual({ page: "/reports", appVersion: "web-8.2.0" });
    expect(created?.comments[0].body).toBe("Since this morning.");
  });

  it("rejects a ticket without a subject and reports it as a warning", async () => {
    const { app, reports } = await testApp();
    const response = await app.inject({ method: "POST", url: "/tickets", payload: { email: "kim@example.org", message: "hi" } });
    expect(response.statusCode).toBe(400);
    expect(reports.map((r) => r.level)).toEqual(["warning"]);
  });
});

describe("comments", () => {
  it("notifies the requester and watchers except the author", async () => {
    const { app, outbox } = await testApp();
    const response = await app.inject({
      method: "POST",
      url: "/tickets/48211/comments",
      payload: { author: "agent.mira", body: "We corrected the VAT number; a new invoice is on its way." },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().notified).toBe(2);
    expect(outbox[0].to).toEqual(["lotte@kaffeerei.de", "billing-team@helpline.io"]);
  });

  it("keeps internal notes from the requester", async () => {
    const { app, outbox } = await testApp();
    await app.inject({ method: "POST", url: "/tickets/48230/comments", payload: { author: "agent.jo", body: "Repro on 8.1", public: false } });
    expect(outbox[0].to).toEqual(["agent.sven"]);
  });
});
