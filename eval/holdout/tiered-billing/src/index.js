export { buildInvoice } from "./billing/invoice.js";
export { billableWindow } from "./billing/prorate.js";
export { usageLines } from "./billing/usage-charges.js";
export { PLANS } from "./pricing/plans.js";
export { priceTiered } from "./pricing/tiers.js";
export { err, ok, pipe } from "./result.js";
export { staticRates, taxLine } from "./tax.js";
export { parseTimestamp, periodBounds } from "./time.js";
export { parseMeterExport, parseQuantity } from "./usage/parse-meter.js";
