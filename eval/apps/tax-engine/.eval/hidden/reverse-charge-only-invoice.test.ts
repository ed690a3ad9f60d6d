import { describe, expect, it } from "vitest";
import { closeMonth } from "../src/jobs/close-month.ts";
import { calculateInvoiceTax, type Invoice } from "../src/tax.ts";

const untaxed: Invoice = {
  id: "INV-LW-2026117",
  tenantId: "t_loopwork",
  jurisdiction: "IE",
  lines: [
    { description: "Subscription, annual", netCents: 240000, category: "reverse-charge" },
    { description: "Support hours", netCents: 36000, category: "reverse-charge" },
  ],
};

// Invoices to EU businesses are reverse-charged: no line carries VAT.
describe("an invoice without any taxed line", () => {
  it("has zero VAT and a gross equal to its net", () => {
    expect(calculateInvoiceTax(untaxed)).toEqual({ ok: true, value: { invoiceId: "INV-LW-2026117", netCents: 276000, taxCents: 0, grossCents: 276000, byRate: {} } });
  });

  it("is booked by the month close", () => {
    const booked: unknown[] = [];
    const reported: unknown[] = [];
    const summary = closeMonth([untaxed, { ...untaxed, id: "INV-LW-2026118", lines: [{ description: "Training course (exempt)", netCents: 9000, category: "exempt" }] }], {
      book: (s) => booked.push(s),
      warn: () => {},
      report: (error) => reported.push(error),
    });
    expect(reported).toEqual([]);
    expect(summary).toEqual({ booked: 2, skipped: 0, failed: 0, needsReview: [] });
    expect(booked).toHaveLength(2);
  });
});
