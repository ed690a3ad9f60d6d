import { describe, expect, it } from "vitest";
import { closeMonth } from "../src/jobs/close-month.ts";
import { roundCents } from "../src/money.ts";
import { calculateInvoiceTax, lookupRate, type Invoice } from "../src/tax.ts";

const invoice = (lines: Invoice["lines"], jurisdiction = "DE"): Invoice => ({ id: "INV-1", tenantId: "t1", jurisdiction, lines });

describe("rates", () => {
  it("knows reduced rates and treats exempt lines as zero", () => {
    expect(lookupRate("FR", "reduced")).toEqual({ ok: true, value: 0.055 });
    expect(lookupRate("DE", "exempt")).toEqual({ ok: true, value: 0 });
  });

  it("answers an error for an unknown jurisdiction", () => {
    expect(lookupRate("CH", "standard")).toEqual({ ok: false, error: "no VAT table for CH" });
  });
});

describe("calculateInvoiceTax", () => {
  it("sums VAT per rate with banker's rounding", () => {
    const result = calculateInvoiceTax(invoice([
      { description: "Licence", netCents: 10050, category: "standard" },
      { description: "Handbook", netCents: 2500, category: "reduced" },
    ]));
    expect(result).toEqual({ ok: true, value: { invoiceId: "INV-1", netCents: 12550, taxCents: 2084, grossCents: 14634, byRate: { "0.19": 1910, "0.07": 175 } } });
  });

  it("leaves exempt lines out of the breakdown", () => {
    const result = calculateInvoiceTax(invoice([
      { description: "Consulting", netCents: 50000, category: "standard" },
      { description: "Training (exempt)", netCents: 20000, category: "exempt" },
    ], "AT"));
    expect(result.ok && result.value).toMatchObject({ netCents: 70000, taxCents: 10000, byRate: { "0.2": 10000 } });
  });

  it("rounds half to even", () => {
    expect(roundCents(12.5)).toBe(12);
    expect(roundCents(13.5)).toBe(14);
  });
});

describe("closeMonth", () => {
  it("books open invoices, skips sent ones and lists unknown jurisdictions for review", () => {
    const booked: string[] = [];
    const warned: string[] = [];
    const summary = closeMonth(
      [
        { ...invoice([{ description: "A", netCents: 1000, category: "standard" }]), id: "INV-10" },
        { ...invoice([{ description: "B", netCents: 1000, category: "standard" }]), id: "INV-11", sentAt: "2026-11-02T09:00:00Z" },
        { ...invoice([{ description: "C", netCents: 1000, category: "standard" }], "CH"), id: "INV-12" },
      ],
      { book: (s) => booked.push(s.invoiceId), warn: (e) => warned.push(e.message), report: () => {} },
    );
    expect(summary).toEqual({ booked: 1, skipped: 1, failed: 0, needsReview: ["INV-12: no VAT table for CH"] });
    expect(warned).toEqual(["Invoice INV-11 was sent on 2026-11-02 and cannot be re-booked"]);
  });
});
