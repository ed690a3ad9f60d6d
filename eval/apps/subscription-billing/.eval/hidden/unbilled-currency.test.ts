import { describe, expect, it } from "vitest";
import { handler as quote } from "../src/handlers/quote.ts";
import { handler as subscribe } from "../src/handlers/subscribe.ts";
import { usePayments } from "../src/lib/payments.ts";
import { setReporter } from "../src/lib/reporting.ts";
import { httpEvent } from "./events.ts";

// Checkout 7.2 sends the visitor's locale currency, e.g. CHF, which has no price book.
describe("a quote in a currency we do not bill in", () => {
  it("is refused with a client error naming the problem", async () => {
    const reported: unknown[] = [];
    setReporter((error) => reported.push(error));
    const result = await quote(httpEvent("POST", "/subscriptions/quote", { planId: "team_annual", currency: "CHF", seats: 4, country: "CH" }));
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
    const { message } = JSON.parse(result.body);
    expect(typeof message).toBe("string");
    // The plan exists; what the customer needs to hear about is the currency.
    expect(message).toMatch(/currenc|chf/i);
    expect(reported).toEqual([]);
  });

  it("never reaches the payment provider on sign-up", async () => {
    const charges: unknown[] = [];
    usePayments({ charge: async (...args) => (charges.push(args), { id: "ch_x", status: "succeeded" }) });
    const result = await subscribe(httpEvent("POST", "/subscriptions", { customerId: "cus_1", planId: "starter_monthly", currency: "chf", seats: 1, country: "CH" }));
    expect(result.statusCode).toBeGreaterThanOrEqual(400);
    expect(result.statusCode).toBeLessThan(500);
    expect(charges).toEqual([]);
  });

  it("still quotes billed currencies", async () => {
    const result = await quote(httpEvent("POST", "/subscriptions/quote", { planId: "team_annual", currency: "GBP", seats: 2, country: "GB" }));
    expect(JSON.parse(result.body)).toEqual({ planId: "team_annual", currency: "gbp", seats: 2, net: 50000, tax: 10000, total: 60000 });
  });
});
