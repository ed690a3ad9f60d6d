import assert from "node:assert/strict";
import { billableWindow, buildInvoice, staticRates } from "../src/index.js";

const migrated = (trialEndsAt) => ({ id: "acc_3001", plan: "starter", country: "DE", subscription: { startedAt: "2026-09-14T00:00:00Z", migratedFrom: "billwise", trialEndsAt } });

describe("trials stored by the old billing system (epoch seconds as text)", () => {
  it("start billing when the trial ends", () => {
    assert.deepEqual(billableWindow(migrated("1792022400").subscription, "2026-10"), {
      billable: true,
      from: "2026-10-15T00:00:00.000Z",
      to: "2026-11-01T00:00:00.000Z",
      fraction: 0.5484,
    });
    const invoice = buildInvoice({ account: migrated("1792022400"), period: "2026-10", usage: {}, taxProvider: staticRates });
    assert.equal(invoice.ok, true);
    assert.equal(invoice.value.lines[0].cents, 1_097);
    assert.equal(invoice.value.from, "2026-10-15T00:00:00.000Z");
  });

  it("bill nothing when the trial runs past the period", () => {
    const result = buildInvoice({ account: migrated("1794268800"), period: "2026-10", usage: {}, taxProvider: staticRates });
    assert.equal(result.ok, false);
    assert.equal(result.error.code, "not_billable");
  });

  it("leave ISO trial ends as they were", () => {
    assert.equal(billableWindow({ trialEndsAt: "2026-10-15T00:00:00Z" }, "2026-10").fraction, 0.5484);
  });
});
