import assert from "node:assert/strict";
import { closePeriod } from "../jobs/close-period.js";
import { billableWindow, buildInvoice, parseMeterExport, staticRates } from "../src/index.js";
import { accounts, meterCsv, period } from "./fixtures.js";

const usage = parseMeterExport(meterCsv);
const invoiceFor = (id) => buildInvoice({ account: accounts.find((a) => a.id === id), period, usage: usage.get(id) ?? {}, taxProvider: staticRates });

describe("invoices", () => {
  it("bills a full month with usage and VAT", () => {
    const result = invoiceFor("acc_1001");
    assert.equal(result.ok, true);
    const invoice = result.value;
    assert.deepEqual(invoice.lines.map((line) => [line.code, line.cents]), [["fee", 25_000], ["egress", 50_000 + 114_750], ["requests", 36_480]]);
    assert.equal(invoice.tax.cents, Math.round(invoice.netCents * 0.21));
    assert.equal(invoice.totalCents, invoice.netCents + invoice.tax.cents);
  });

  it("starts billing when the trial ends", () => {
    const window = billableWindow(accounts[1].subscription, period);
    assert.deepEqual(window, { billable: true, from: "2026-10-15T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z", fraction: 0.5484 });
    assert.equal(invoiceFor("acc_1002").value.lines[0].cents, 1_097);
  });

  it("stops billing at a cancellation stored by the old system", () => {
    const window = billableWindow(accounts[3].subscription, period);
    assert.equal(window.to, "2026-10-22T12:00:00.000Z");
    assert.equal(window.fraction, 0.6935);
  });

  it("reverse-charges foreign business customers", () => {
    assert.deepEqual(invoiceFor("acc_1003").value.tax, { code: "vat", description: "VAT reverse charged", rate: 0, cents: 0 });
  });

  it("answers an unknown plan as a failed result", () => {
    assert.deepEqual(invoiceFor("acc_1005"), { ok: false, error: { code: "unknown_plan", message: "Unknown plan 'enterprise' on acc_1005" } });
  });
});

describe("closePeriod", () => {
  it("invoices what it can and lists the rest", () => {
    const { invoices, skipped } = closePeriod({ period, accounts, meterCsv });
    assert.deepEqual(invoices.map((invoice) => invoice.accountId), ["acc_1001", "acc_1002", "acc_1003", "acc_1004"]);
    assert.deepEqual(skipped.map((entry) => entry.code), ["unknown_plan"]);
  });

  it("reports an account that crashes and goes on", () => {
    const reported = [];
    const broken = { rateFor: (country) => { if (country === "DE") throw new Error("rate service timeout"); return 0.21; } };
    const { invoices } = closePeriod({ period, accounts, meterCsv, taxProvider: broken, report: (error, tags) => reported.push(tags.account) });
    assert.deepEqual(reported, ["acc_1002"]);
    assert.equal(invoices.length, 3);
  });
});
