import assert from "node:assert/strict";
import { parseQuantity, parseTimestamp, priceTiered, PLANS } from "../src/index.js";

describe("pricing", () => {
  it("prices egress marginally across tiers", () => {
    assert.equal(priceTiered(500, PLANS.starter.egress), 0);
    assert.equal(priceTiered(1_500, PLANS.starter.egress), 4_000);
    assert.equal(priceTiered(120_000, PLANS.growth.egress), 50_000 + 270_000 + 40_000);
  });

  it("keeps long meter counters exact", () => {
    assert.equal(parseQuantity("48250000000000"), 48_250_000_000_000);
    assert.equal(parseQuantity("9007199254740993123"), 9007199254740993123n);
    assert.throws(() => parseQuantity("12e9"), SyntaxError);
  });

  it("reads timestamps from both billing systems", () => {
    assert.equal(parseTimestamp("2026-10-22T12:00:00Z"), 1792670400000);
    assert.equal(parseTimestamp(1792670400), 1792670400000);
    assert.equal(parseTimestamp("1792670400"), 1792670400000);
    assert.ok(Number.isNaN(parseTimestamp("soon")));
  });
});
