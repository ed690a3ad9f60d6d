import { json, readJson, type HttpEvent } from "../lib/http.ts";
import { priceQuote, type QuoteRequest } from "../lib/pricing.ts";
import { withReporting } from "../lib/reporting.ts";

// POST /subscriptions/quote — the checkout page asks before showing the total.
export const handler = withReporting(async (event: HttpEvent) => {
  const body = readJson<QuoteRequest>(event);
  if (!body?.planId || !body.currency || !body.country) return json(400, { message: "planId, currency, seats and country are required" });
  const result = priceQuote(body);
  if (!result.ok) return json(result.status, { message: result.message });
  return json(200, result.quote);
});
