// Records the close of October 2026 by tiered-billing v7.3.0: the period job builds one invoice
// per account and reports the accounts that crash (jobs/close-period.js, `report`). The job
// runs outside any request, so the events carry no request.
//
// Accounts and the meter export are generated here, deterministically, as the production
// exports look: most accounts on the current billing system, some migrated from the old one
// (epoch-second timestamps as strings), a few very large egress counters, and the VAT rates
// from @fiscal/vat-rates, written to a temporary node_modules and run for real.
//
//   node .eval/record.mjs

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents, writePackage } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/home/node/app/";
const RELEASE = "v7.3.0";
const START = Date.parse("2026-11-01T00:05:00.000Z");
const PERIOD = "2026-10";

const EXPECTED = {
  "trial-end-epoch": { type: "RangeError", message: /^Invalid time value$/ },
  "usage-bigint-mix": { type: "TypeError", message: /^Cannot mix BigInt and other types, use explicit conversions$/ },
  "vat-rates-package": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'standard'\)$/ },
};

const VAT_PACKAGE = {
  "dist/index.js": `// @fiscal/vat-rates 3.1.0
import { RATES } from "./rates.js";

export function createVatProvider({ kind = "standard" } = {}) {
  return {
    rateFor(country, date) {
      const entry = RATES[country];
      const rate = entry[kind];
      return typeof rate === "function" ? rate(date) : rate;
    },
  };
}
`,
  "dist/rates.js": `// EU member states by ISO code, plus GB. Generated from the TEDB export of 2026-06.
export const RATES = {
  AT: { standard: 0.2 }, BE: { standard: 0.21 }, DE: { standard: 0.19 }, DK: { standard: 0.25 },
  ES: { standard: 0.21 }, FI: { standard: (date) => (date >= "2024-09-01" ? 0.255 : 0.24) }, FR: { standard: 0.2 },
  GB: { standard: 0.2 }, IE: { standard: 0.23 }, IT: { standard: 0.22 }, NL: { standard: 0.21 },
  PL: { standard: 0.23 }, PT: { standard: 0.23 }, SE: { standard: 0.25 },
};
`,
};

const { closePeriod } = await import("../jobs/close-period.js");

const r = randomTools(mulberry32(0xb111_7300));
const COUNTRIES = ["NL", "NL", "DE", "DE", "FR", "BE", "ES", "IT", "SE", "PL", "IE", "AT", "FI", "GB"];
const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");

const accounts = [];
const meter = [`# period ${PERIOD}, generated 2026-11-01T00:02:11Z`];
const plans = [];
let at = START;
function account(kind, shape) {
  const id = `acc_${2000 + accounts.length * 7 + r.int(0, 6)}`;
  const plan = shape.plan ?? r.pick(["starter", "starter", "growth", "growth", "scale"]);
  const country = shape.country ?? r.pick(COUNTRIES);
  const subscription = { startedAt: iso(Date.UTC(2024, r.int(0, 23), r.int(1, 28))), ...shape.subscription };
  const entry = { id, plan, country, subscription };
  if (shape.vatId ?? (country !== "NL" && r.chance(0.3))) entry.vatId = `${country}${r.int(100000000, 999999999)}`;
  accounts.push(entry);
  const bytes = shape.egressBytes ?? String(r.int(1, 900)) + "0".repeat(r.int(9, 12));
  meter.push(`${id},egress_bytes,${bytes}`, `${id},requests,${r.int(10_000, 9_000_000_000)}`);
  at += r.int(4_000, 11_000);
  plans.push({ kind, label: id, accountId: id, at, id: r.uuid() });
}

for (let i = 0; i < 170; i += 1) {
  const roll = r.rng();
  if (roll < 0.06) {
    account("trial-end-epoch", { country: r.pick(["NL", "DE", "BE"]), subscription: { migratedFrom: "billwise", trialEndsAt: String(Math.floor(Date.UTC(2026, 9, r.int(2, 28)) / 1000)) } });
  } else if (roll < 0.11) {
    // Streaming customers push past a petabyte a month.
    account("usage-bigint-mix", { plan: "scale", vatId: r.chance(0.5), egressBytes: `${r.int(1, 6)}${String(r.int(0, 999_999_999_999_999)).padStart(15, "0")}` });
  } else if (roll < 0.135) {
    account("vat-rates-package", { country: "XI", vatId: false });
  } else if (roll < 0.16) {
    account("healthy", { subscription: { trialEndsAt: iso(Date.UTC(2026, 9, r.int(2, 28))) } });
  } else if (roll < 0.2) {
    account("healthy", { subscription: { migratedFrom: "billwise", canceledAt: Math.floor(Date.UTC(2026, 9, r.int(2, 28)) / 1000) } });
  } else {
    account("healthy", {});
  }
}
const expected = new Map(plans.map((plan) => [plan.accountId, plan]));

const packageRoot = await mkdtemp(join(tmpdir(), "billing-deps-"));
const events = [];
try {
  await writePackage(packageRoot, "@fiscal/vat-rates", "3.1.0", VAT_PACKAGE, "module");
  const { createVatProvider } = await import(pathToFileURL(join(packageRoot, "node_modules/@fiscal/vat-rates/dist/index.js")).href);
  const roots = productionRoots(APP_ROOT, DEPLOY_ROOT, [{ local: join(packageRoot, "node_modules"), deploy: `${DEPLOY_ROOT}node_modules/` }]);

  const crashed = new Map();
  const { invoices, skipped } = closePeriod({
    period: PERIOD,
    accounts,
    meterCsv: meter.join("\n"),
    taxProvider: createVatProvider(),
    report: (error, tags) => crashed.set(tags.account, error),
  });
  for (const plan of plans) checkOutcome(plan, { error: crashed.get(plan.accountId) }, EXPECTED);
  const notBilled = skipped.filter((entry) => entry.code !== "crashed");
  if (notBilled.length > 0) throw new Error(`accounts skipped without a crash: ${JSON.stringify(notBilled)}`);
  for (const [accountId, error] of crashed) {
    const plan = expected.get(accountId);
    events.push(toEvent({ id: plan.id, at: plan.at, release: RELEASE, error, roots, user: accountId, tags: { job: "close-period", period: PERIOD, account: accountId } }));
  }
  console.log(`${invoices.length} invoices`);
} finally {
  await rm(packageRoot, { recursive: true, force: true });
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
