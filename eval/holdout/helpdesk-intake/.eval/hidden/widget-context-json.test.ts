import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startDesk } from "./support.ts";

let env: Awaited<ReturnType<typeof startDesk>>;
beforeEach(async () => {
  env = await startDesk();
});
afterEach(() => env.close());

const context = { page: "/cards/freeze", locale: "fr-BE", appVersion: "26.11.2" };
const ticket = { customerId: "c_5d1e9a0b", product: "billing", priority: "high", subject: "Charged twice", body: "Two charges on 24 Nov." };

describe("widget context a widget sends in a form the API did not expect", () => {
  it("never costs the customer their ticket (base64 from widget 5.3)", async () => {
    const res = await env.call("POST", "/api/tickets", ticket, { "x-widget-version": "5.3.0", "x-widget-context": Buffer.from(JSON.stringify(context)).toString("base64") });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customerId: "c_5d1e9a0b", subject: "Charged twice", priority: "high", assignee: "ag_amal" });
    expect([null, context]).toContainEqual(res.body.context);
    expect((await env.call("GET", `/api/tickets/${res.body.id}`)).status).toBe(200);
    expect(env.opened).toHaveLength(1);
    expect(env.reported).toEqual([]);
  });

  it("never costs the customer their ticket (a header cut short by a proxy)", async () => {
    const res = await env.call("POST", "/api/tickets", ticket, { "x-widget-version": "5.2.1", "x-widget-context": '{"page":"/cards/fre' });
    expect(res.status).toBe(201);
    expect(res.body.subject).toBe("Charged twice");
  });

  it("keeps a JSON context as it was", async () => {
    const res = await env.call("POST", "/api/tickets", ticket, { "x-widget-version": "5.2.1", "x-widget-context": JSON.stringify(context) });
    expect(res.body.context).toEqual(context);
  });
});
