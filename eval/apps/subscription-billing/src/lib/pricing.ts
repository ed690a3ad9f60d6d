import { MAX_SEATS, PRICE_BOOK, VAT } from "./prices.ts";

export interface QuoteRequest {
  planId: string;
  currency: string;
  seats: number;
  country: string;
  vatId?: string;
}

export interface Quote {
  planId: string;
  currency: string;
  seats: number;
  net: number;
  tax: number;
  total: number;
}

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; status: number; message: string };

export function priceQuote(input: QuoteRequest): QuoteResult {
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > MAX_SEATS) {
    return { ok: false, status: 400, message: `seats must be between 1 and ${MAX_SEATS}` };
  }
  const currency = input.currency.toLowerCase();
  const unit = PRICE_BOOK[currency][input.planId];
  if (unit === undefined) return { ok: false, status: 404, message: `Unknown plan ${input.planId}` };
  const net = unit * input.seats;
  const rate = input.vatId ? 0 : (VAT[input.country] ?? 0);
  const tax = Math.round(net * rate);
  return { ok: true, quote: { planId: input.planId, currency, seats: input.seats, net, tax, total: net + tax } };
}
