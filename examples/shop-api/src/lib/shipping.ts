// Client for the carrier aggregator that quotes shipping. It runs in another VPC and restarts
// during its own deploys, so callers must expect it to be briefly unreachable.

import { HttpError } from "./http.ts";

export interface ShippingQuote {
  carrier: string;
  priceCents: number;
  etaDays: number;
}

export interface QuoteInput {
  productId: string;
  zip: string;
  quantity: number;
}

export interface ShippingClient {
  quote(input: QuoteInput): Promise<ShippingQuote[]>;
}

export interface ShippingOptions {
  baseUrl: string;
  /** Injected so tests can answer without a network. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createShippingClient(options: ShippingOptions): ShippingClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 2000;

  async function quote(input: QuoteInput): Promise<ShippingQuote[]> {
    const response = await doFetch(`${options.baseUrl}/v2/quotes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      throw new HttpError(502, "shipping_unavailable", `shipping quotes failed with ${response.status}`);
    }
    const body = (await response.json()) as { quotes: ShippingQuote[] };
    return body.quotes;
  }

  return { quote };
}
