export type Market = { id: string; currency: string; locale: string };

export const MARKETS: Record<string, Market> = {
  lisbon: { id: "lisbon", currency: "EUR", locale: "pt-PT" },
  porto: { id: "porto", currency: "EUR", locale: "pt-PT" },
  london: { id: "london", currency: "GBP", locale: "en-GB" },
};
