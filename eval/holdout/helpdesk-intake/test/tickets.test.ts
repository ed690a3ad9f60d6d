import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDesk, V5 } from "./support.ts";

let env: Awaited<ReturnType<typeof startDesk>>;
beforeEach(async () => {
  env = await startDesk();
});
afterEach(() => env.close());

describe("POST /api/tickets", () => {
  it("opens a ticket, routes it to a skilled agent and starts the SLA clock", async () => {
    const res = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "billing", priority: "high", subject: " Charged twice ", body: "Two charges on 24 Nov." }, V5);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: "T-40001", subject: "Charged twice", priority: "high", assignee: "ag_amal", status: "open", context: null, respondBy: "2026-11-27T11:00:00.000Z" });
    expect(env.opened.map((t) => t.id)).toEqual(["T-40001"]);
  });

  it("keeps the widget context the widget sends", async () => {
    const context = { page: "/orders/88213", locale: "nl-NL", appVersion: "5.2.1" };
    const res = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "shipping", subject: "Where is my parcel", body: "…" }, { ...V5, "x-widget-context": JSON.stringify(context) });
    expect(res.body.context).toEqual(context);
    expect(res.body.assignee).toBe("ag_bjorn");
  });

  it("ignores priorities from widgets older than 5.0 and junk versions", async () => {
    const old = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "returns", priority: "urgent", subject: "Refund", body: "…" }, { "x-widget-version": "4.9.0" });
    expect(old.body.priority).toBe("normal");
    const junk = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "returns", priority: "high", subject: "Refund", body: "…" }, { "x-widget-version": "latest" });
    expect(junk.body.priority).toBe("normal");
  });

  it("queues tickets nobody has the skill for", async () => {
    const res = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "app", subject: "App crashes", body: "…" }, V5);
    expect(res.status).toBe(201);
    expect(res.body.assignee).toBeNull();
  });

  it("validates the form", async () => {
    const res = await env.call("POST", "/api/tickets", { customerId: "c_8f2k1q", product: "hardware", subject: "x", body: "y" });
    expect(res).toEqual({ status: 422, body: { error: { code: "invalid_product", message: "product must be one of billing, shipping, returns, app" } } });
  });
});

describe("ticket lookups", () => {
  it("finds, lists and solves tickets", async () => {
    const created = (await env.call("POST", "/api/tickets", { customerId: "c_77ab90", product: "billing", subject: "VAT invoice", body: "…" })).body;
    expect((await env.call("GET", `/api/tickets/${created.id}`)).body.subject).toBe("VAT invoice");
    expect((await env.call("GET", "/api/customers/c_77ab90/tickets")).body.items).toHaveLength(1);
    expect((await env.call("POST", `/api/tickets/${created.id}/solve`)).body.status).toBe("solved");
    expect((await env.call("GET", "/api/tickets/T-1")).status).toBe(404);
  });
});
