import { roundCents } from "./money.ts";
import { RATES } from "./rates.ts";
import { err, ok, type Result } from "./result.ts";

export type Category = "standard" | "reduced" | "zero" | "exempt" | "reverse-charge";

export interface InvoiceLine {
  description: string;
  netCents: number;
  category: Category;
}

export interface Invoice {
  id: string;
  tenantId: string;
  jurisdiction: string;
  lines: InvoiceLine[];
  sentAt?: string;
}

export interface TaxSummary {
  invoiceId: string;
  netCents: number;
  taxCents: number;
  grossCents: number;
  byRate: Record<string, number>;
}

export function lookupRate(jurisdiction: string, category: Category): Result<number> {
  const table = RATES[jurisdiction];
  if (!table) return err(`no VAT table for ${jurisdiction}`);
  if (category === "exempt" || category === "reverse-charge") return ok(0);
  return ok(table[category]);
}

// Exempt and reverse-charge lines carry no VAT and are left out of the per-rate breakdown.
export function calculateInvoiceTax(invoice: Invoice): Result<TaxSummary> {
  const taxable = invoice.lines.filter((line) => line.category !== "exempt" && line.category !== "reverse-charge");
  const byRate: Record<string, number> = {};
  const lineTaxes: number[] = [];
  for (const line of taxable) {
    const rate = lookupRate(invoice.jurisdiction, line.category);
    if (!rate.ok) return rate;
    const tax = line.netCents * rate.value;
    byRate[String(rate.value)] = (byRate[String(rate.value)] ?? 0) + tax;
    lineTaxes.push(tax);
  }
  const netCents = invoice.lines.reduce((sum, line) => sum + line.netCents, 0);
  const taxCents = roundCents(lineTaxes.reduce((sum, tax) => sum + tax));
  for (const key of Object.keys(byRate)) byRate[key] = roundCents(byRate[key]);
  return ok({ invoiceId: invoice.id, netCents, taxCents, grossCents: netCents + taxCents, byRate });
}
