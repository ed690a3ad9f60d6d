import assert from "node:assert/strict";
import { buildInvoice, parseMeterExport, staticRates, usageLines, PLANS } from "../src/index.js";

describe("egress counters past 15 digits (BigInt)", () => {
  it("are priced through every tier", () => {
    const [egress] = usageLines({ egress_bytes: 2_500_000_000_000_000n, requests: 10 }, PLANS.scale);
    assert.equal(egress.quantity, 2_500_000);
    assert.equal(egress.cents, 250_000 + 1_350_000 + 1_500_000);
    assert.doesNotMatch(egress.description, /NaN|undefined/);
  });

  it("keep the fraction of the last gigabyte", () => {
    const [egress] = usageLines({ egress_bytes: 1_999_999_999_999_999n }, PLANS.scale);
    assert.equal(egress.cents, 2_600_000);
  });

  it("bill end to end from the meter export", () => {
    const usage = parseMeterExport("acc_4001,egress_bytes,3200000000000000\nacc_4001,requests,90000000000");
    const account = { id: "acc_4001", plan: "scale", country: "FR", vatId: "FR40303265045", subscription: { startedAt: "2024-06-01T00:00:00Z" } };
    const result = buildInvoice({ account, period: "2026-10", usage: usage.get("acc_4001"), taxProvider: staticRates });
    assert.equal(result.ok, true);
    assert.deepEqual(result.value.lines.map((line) => [line.code, line.cents]), [["fee", 150_000], ["egress", 250_000 + 1_350_000 + 2_200_000], ["requests", 2_250_000]]);
    assert.equal(result.value.totalCents, 150_000 + 3_800_000 + 2_250_000);
  });
});
