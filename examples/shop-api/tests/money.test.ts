import { test } from "node:test";
import assert from "node:assert/strict";
import { formatPrice, subtotal, toMajorUnits } from "../src/lib/money.ts";

test("formats cents with the currency symbol and two decimals", () => {
  assert.equal(formatPrice(12900, "EUR"), "€129.00");
  assert.equal(formatPrice(5, "USD"), "$0.05");
});

test("converts cents to major units", () => {
  assert.equal(toMajorUnits(7950), 79.5);
});

test("sums unit price times quantity over all lines", () => {
  const lines = [
    { unitPriceCents: 4500, quantity: 2 },
    { unitPriceCents: 2400, quantity: 1 },
  ];
  assert.equal(subtotal(lines), 11400);
  assert.equal(subtotal([]), 0);
});
