export { calculateInvoiceTax, lookupRate, type Invoice, type InvoiceLine, type TaxSummary } from "./tax.ts";
export { closeMonth, InvoiceLockedError } from "./jobs/close-month.ts";
