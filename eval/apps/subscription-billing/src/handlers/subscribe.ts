import { json, readJson, type HttpEvent } from "../lib/http.ts";
import { currentPayments } from "../lib/payments.ts";
import { priceQuote, type QuoteRequest } from "../lib/pricing.ts";
import { withReporting } from "../lib/reporting.ts";

type SubscribeRequest = QuoteRequest & { customerId: string };

// POST /subscriptions — charges the first period and starts the subscription.
export const handler = withReporting(async (event: HttpEvent) => {
  const body = readJson<SubscribeRequest>(event);
  if (!body?.customerId || !body.planId || !body.currency || !body.country) return json(400, { message: "customerId, planId, currency, seats and country are required" });
  const result = priceQuote(body);
  if (!result.ok) return json(result.status, { message: result.message });
  const charge = await currentPayments().charge(body.customerId, result.quote.total, result.quote.currency, event.requestContext.requestId);
  return json(charge.status === "succeeded" ? 201 : 202, { subscription: { customerId: body.customerId, ...result.quote }, charge });
});
