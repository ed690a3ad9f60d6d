import { calculateInvoiceTax, type Invoice, type TaxSummary } from "../tax.ts";

export class InvoiceLockedError extends Error {
  constructor(invoiceId: string, sentAt: string) {
    super(`Invoice ${invoiceId} was sent on ${sentAt.slice(0, 10)} and cannot be re-booked`);
    this.name = "InvoiceLockedError";
  }
}

export interface CloseMonthDeps {
  book(summary: TaxSummary): void;
  /** Expected problems: logged at warning so the tenant's accountant sees them. */
  warn(error: Error, invoice: Invoice): void;
  /** Anything else: reported to the error tracker. */
  report(error: unknown, invoice: Invoice): void;
}

function assertOpen(invoice: Invoice): void {
  if (invoice.sentAt) throw new InvoiceLockedError(invoice.id, invoice.sentAt);
}

/** Books VAT for every open invoice of a tenant's month; one bad invoice never stops the run. */
export function closeMonth(invoices: Invoice[], deps: CloseMonthDeps) {
  const summary = { booked: 0, skipped: 0, failed: 0, needsReview: [] as string[] };
  for (const invoice of invoices) {
    try {
      assertOpen(invoice);
      const result = calculateInvoiceTax(invoice);
      if (!result.ok) {
        summary.needsReview.push(`${invoice.id}: ${result.error}`);
        continue;
      }
      deps.book(result.value);
      summary.booked += 1;
    } catch (error) {
      if (error instanceof InvoiceLockedError) {
        deps.warn(error, invoice);
        summary.skipped += 1;
      } else {
        deps.report(error, invoice);
        summary.failed += 1;
      }
    }
  }
  return summary;
}
