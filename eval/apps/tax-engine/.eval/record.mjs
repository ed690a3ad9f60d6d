// Records tax-engine v1.9.0 during the November month close: the close-month job runs tenant by
// tenant, booking VAT for each open invoice. Tenants selling to other EU businesses have
// invoices made only of reverse-charge lines; one tenant's close is re-run after its invoices
// went out (each sent invoice is refused on purpose and logged at warning). A library called by
// a job: events carry no request.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { closeMonth } from "../src/jobs/close-month.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/srv/ledgerly/tax-engine/",
  release: "tax-engine@1.9.0",
  origin: "https://unused.invalid",
  start: "2026-11-30T23:05:00Z",
  seed: 0x7a8e,
  tags: { job: "close-month", period: "2026-11" },
});
const { rand } = rec;

rec.expect("reverse-charge-only-invoice", { type: "TypeError", message: /^Reduce of empty array with no initial value$/ });
rec.expect("invoice-already-sent", { type: "InvoiceLockedError", message: /^Invoice INV-[A-Z0-9]+-\d+ was sent on 2026-11-\d\d and cannot be re-booked$/, level: "warning" });

const TENANTS = [
  { id: "t_brightdesk", prefix: "BD", jurisdiction: "DE", b2bEu: 0.25 },
  { id: "t_kaasmeester", prefix: "KM", jurisdiction: "NL", b2bEu: 0.1 },
  { id: "t_loopwork", prefix: "LW", jurisdiction: "IE", b2bEu: 0.3 },
  { id: "t_atelier9", prefix: "A9", jurisdiction: "FR", b2bEu: 0 },
  { id: "t_northpine", prefix: "NP", jurisdiction: "GB", b2bEu: 0 },
];
const ITEMS = [["Subscription, annual", "standard"], ["Onboarding workshop", "standard"], ["Printed manual", "reduced"], ["Support hours", "standard"], ["Training course (exempt)", "exempt"]];

function invoiceFor(tenant, n, reverseCharge) {
  const count = rand.int(1, 4);
  const lines = Array.from({ length: count }, () => {
    const [description, category] = rand.pick(ITEMS);
    return { description, netCents: rand.int(20, 4000) * 100, category: reverseCharge ? "reverse-charge" : category };
  });
  return { id: `INV-${tenant.prefix}-${2026110 + n}`, tenantId: tenant.id, jurisdiction: tenant.jurisdiction, lines };
}

// Plan the runs: each tenant's invoices, in order; the events are the failures and warnings.
const runs = [];
let at = Date.parse("2026-11-30T23:05:00Z");
for (const tenant of TENANTS) {
  const invoices = [];
  const count = rand.int(20, 35);
  for (let n = 1; n <= count; n += 1) {
    const invoice = invoiceFor(tenant, n, rand.chance(tenant.b2bEu));
    invoices.push(invoice);
    // Reverse-charge invoices, and the odd invoice for an exempt course only, have no VAT line.
    const untaxed = invoice.lines.every((line) => line.category === "reverse-charge" || line.category === "exempt");
    if (untaxed) rec.add({ kind: "reverse-charge-only-invoice", at: at + n * 137, run: runs.length, invoiceId: invoice.id });
  }
  runs.push({ tenant, invoices, at });
  at += rand.int(120_000, 240_000);
}
// Atelier 9's close is run again at 23:31 by its accountant: four invoices were already sent.
{
  const tenant = TENANTS[3];
  const invoices = runs[3].invoices.slice(0, 8).map((invoice, index) => (index < 4 ? { ...invoice, sentAt: `2026-11-${String(20 + index).padStart(2, "0")}T09:00:00Z` } : invoice));
  const rerunAt = Date.parse("2026-11-30T23:31:00Z");
  invoices.forEach((invoice, index) => {
    if (invoice.sentAt) rec.add({ kind: "invoice-already-sent", at: rerunAt + index * 91, run: runs.length, invoiceId: invoice.id });
  });
  runs.push({ tenant, invoices, at: rerunAt });
}

const outcomes = new Map();
await rec.run(async (item) => {
  if (!outcomes.has(item.run)) {
    const reported = new Map();
    const run = runs[item.run];
    closeMonth(run.invoices, {
      book: () => {},
      warn: (error, invoice) => reported.set(invoice.id, error),
      report: (error, invoice) => reported.set(invoice.id, error),
    });
    const planned = new Set(rec.items.filter((planned) => planned.run === item.run).map((planned) => planned.invoiceId));
    for (const id of reported.keys()) if (!planned.has(id)) throw new Error(`invoice ${id} failed unplanned: ${reported.get(id).stack}`);
    outcomes.set(item.run, reported);
  }
  return { error: outcomes.get(item.run).get(item.invoiceId) ?? null };
});
await rec.write();
