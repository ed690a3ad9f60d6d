// Prices are integer cents everywhere; only the edges format them for people.

export type Currency = "EUR" | "USD";

export interface PricedLine {
  unitPriceCents: number;
  quantity: number;
}

export type Discount = { kind: "percent"; value: number } | { kind: "fixed"; valueCents: number };

const SYMBOLS: Record<Currency, string> = { EUR: "€", USD: "$" };

export function toMajorUnits(cents: number): number {
  return Math.round(cents) / 100;
}

export function formatPrice(cents: number, currency: Currency): string {
  return `${SYMBOLS[currency]}${toMajorUnits(cents).toFixed(2)}`;
}

export function subtotal(lines: PricedLine[]): number {
  return lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
}

/** Applies a coupon to a cart; never goes below zero. */
export function discountedTotal(lines: PricedLine[], discount: Discount): number {
  const total = subtotal(lines);
  if (discount.kind === "percent") {
    total -= Math.round((total * discount.value) / 100);
  } else {
    total -= Math.min(discount.valueCents, total);
  }
  return Math.max(total, 0);
}
