import { json, type HttpEvent } from "../lib/http.ts";
import { PRICE_BOOK } from "../lib/prices.ts";
import { withReporting } from "../lib/reporting.ts";

// GET /plans?currency=eur
export const handler = withReporting(async (event: HttpEvent) => {
  const currency = (event.queryStringParameters?.currency ?? "eur").toLowerCase();
  const book = PRICE_BOOK[currency];
  if (!book) return json(400, { message: `Unsupported currency ${currency.toUpperCase()}` });
  return json(200, { currency, plans: Object.entries(book).map(([id, perSeat]) => ({ id, perSeat })) });
});
