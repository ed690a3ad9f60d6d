import { beforeEach, describe, expect, it } from "vitest";
import { handler as plans } from "../src/handlers/plans.ts";
import { handler as quote } from "../src/handlers/quote.ts";
import { handler as subscribe } from "../src/handlers/subscribe.ts";
import { usePayments } from "../src/lib/payments.ts";
import { httpEvent } from "./events.ts";

const parse = (result: { statusCode: number; body: string }) => ({ status: result.statusCode, body: JSON.parse(result.body) });

describe("plans", () => {
  it("lists per-seat prices in a currency", async () => {
    const { body } = parse(await plans(httpEvent("GET", "/plans", undefined, { currency: "GBP" })));
    expect(body.plans[0]).toEqual({ id: "starter_monthly", perSeat: 800 });
  });

  it("refuses a currency we do not bill in", async () => {
    const { status, body } = parse(await plans(httpEvent("GET", "/plans", undefined, { currency: "jpy" })));
    expect(status).toBe(400);
    expect(body).toEqual({ message: "Unsupported currency JPY" });
  });
});

describe("quotes", () => {
  it("adds VAT for consumers", async () => {
    const { body } = parse(await quote(httpEvent("POST", "/subscriptions/quote", { planId: "team_monthly", currency: "EUR", seats: 3, country: "DE" })));
    expect(body).toEqual({ planId: "team_monthly", currency: "eur", seats: 3, net: 8700, tax: 1653, total: 10353 });
  });

  it("reverse-charges businesses with a VAT id", async () => {
    const { body } = parse(await quote(httpEvent("POST", "/subscriptions/quote", { planId: "team_annual", currency: "eur", seats: 10, country: "NL", vatId: "NL123456789B01" })));
    expect(body.tax).toBe(0);
  });

  it("answers 404 for an unknown plan and 400 for a bad seat count", async () => {
    expect(parse(await quote(httpEvent("POST", "/subscriptions/quote", { planId: "gold", currency: "usd", seats: 1, country: "US" }))).status).toBe(404);
    expect(parse(await quote(httpEvent("POST", "/subscriptions/quote", { planId: "team_monthly", currency: "usd", seats: 0, country: "US" }))).status).toBe(400);
  });
});

describe("subscribe", () => {
  beforeEach(() => {
    usePayments({ charge: async () => ({ id: "ch_1", status: "succeeded" }) });
  });

  it("charges the first period", async () => {
    const { status, body } = parse(await subscribe(httpEvent("POST", "/subscriptions", { customerId: "cus_9", planId: "starter_monthly", currency: "usd", seats: 2, country: "US" })));
    expect(status).toBe(201);
    expect(body.subscription.total).toBe(2000);
  });
});
