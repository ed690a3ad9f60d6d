// Records the Sunday run of rota-planner v2.6.0's publish job (bin/publish-rota.ts): every store's
// week is planned and posted, and what publishAll reports for a store that fails becomes an event.
// The job runs outside any request, so the events carry no request. Store inputs are generated
// here as the HR export produces them, including the franchise stores' legacy export.
//
//   node --import tsx .eval/record.mjs      (or plain node: it re-runs itself under tsx)

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/workspace/";
const RELEASE = "v2.6.0";
const START = Date.parse("2026-11-29T18:00:00.000Z");
const WEEK_OF = "2026-11-30";

const EXPECTED = {
  "overnight-shift-repeat": { type: "RangeError", message: /^Invalid count value: -\d+$/ },
  "leave-range-not-iterable": { type: "TypeError", message: /^employee\.leave is not iterable$/ },
};

const require = createRequire(import.meta.url);
const { main } = require("../bin/publish-rota.ts");

const r = randomTools(mulberry32(0x2074_2600));
const FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal", "Lea", "Mo", "Nia", "Omar", "Pia", "Rui", "Sana", "Tom", "Uma"];
const LAST = ["Souza", "Carter", "Wu", "Okafor", "Berg", "Haddad", "Novak", "Sato", "Petrov", "Lund", "Yilmaz", "Roy", "Farah", "Moreau"];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function dayAfter(base, days) {
  return new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function store(index, { allNight, legacyExport }) {
  const storeId = `CG-${String(index).padStart(3, "0")}`;
  const shifts = [];
  for (const day of DAYS) {
    shifts.push({ id: `${day}-am`, day, start: "07:00", end: "15:00", role: "till", needed: r.int(1, 2) });
    shifts.push({ id: `${day}-pm`, day, start: "14:00", end: r.pick(["22:00", "21:30"]), role: "till", needed: 1 });
    if (r.chance(0.5)) shifts.push({ id: `${day}-stock`, day, start: "05:30", end: "09:30", role: "stock", needed: 1 });
    if (allNight) shifts.push({ id: `${day}-night`, day, start: r.pick(["22:00", "22:00", "23:00", "21:00"]), end: r.pick(["06:00", "07:00"]), role: "till", needed: 1 });
  }
  shifts.push({ id: "sat-lead", day: "sat", start: "08:00", end: "16:30", role: "lead", needed: 1 });
  const employees = Array.from({ length: r.int(6, 11) }, (_, i) => {
    const roles = ["till"];
    if (r.chance(0.4)) roles.push("stock");
    if (i === 0) roles.push("lead");
    const leave = [];
    if (r.chance(0.35)) {
      const from = dayAfter(WEEK_OF, r.int(-3, 5));
      leave.push({ from, to: dayAfter(from, r.int(0, 4)) });
    }
    return { id: `${storeId}-e${String(i + 1).padStart(2, "0")}`, name: `${r.pick(FIRST)} ${r.pick(LAST)}`, roles, maxHours: r.pick([16, 20, 24, 32, 38]), leave };
  });
  if (legacyExport) {
    // The franchise HR export writes a list only when there are two or more absences.
    const absent = employees.find((e) => e.leave.length === 1) ?? employees[1];
    absent.leave = absent.leave[0] ?? { from: dayAfter(WEEK_OF, 1), to: dayAfter(WEEK_OF, 2) };
    for (const e of employees) if (e !== absent && e.leave.length === 1 && r.chance(0.5)) e.leave = e.leave[0];
  }
  return { storeId, weekOf: WEEK_OF, shifts, employees };
}

const plans = [];
for (let i = 1; i <= 44; i += 1) {
  const allNight = i % 5 === 2 || i % 7 === 0;
  const legacyExport = !allNight && i % 6 === 1;
  const kind = legacyExport ? "leave-range-not-iterable" : allNight ? "overnight-shift-repeat" : "healthy";
  plans.push({ kind, label: `store ${i}`, at: START + i * 26_000 + r.int(0, 9_000), id: r.uuid(), input: store(i, { allNight, legacyExport }) });
}
// At 18:25 the job retries the stores that failed.
for (const failed of plans.filter((plan) => plan.kind !== "healthy").slice(0, 8)) {
  plans.push({ ...failed, label: `${failed.label} (retry)`, at: START + 25 * 60_000 + plans.length * 3_000, id: r.uuid(), retry: true });
}

const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);
const events = [];
let posted = 0;

/** One run of the job over `runPlans`, in order: each store's outcome is checked as it comes. */
async function runJob(runPlans) {
  const dir = await mkdtemp(join(tmpdir(), "rota-input-"));
  try {
    for (const [i, plan] of runPlans.entries()) await writeFile(join(dir, `${String(i).padStart(3, "0")}-${plan.input.storeId}.json`), JSON.stringify(plan.input));
    let next = 0;
    const settle = (error) => {
      const plan = runPlans[next++];
      checkOutcome(plan, { error }, EXPECTED);
      if (!error) return;
      const tags = { job: "publish-rota", store: plan.input.storeId, week: WEEK_OF, attempt: plan.retry ? "2" : "1" };
      events.push(toEvent({ id: plan.id, at: plan.at, release: RELEASE, error, roots, tags }));
    };
    const result = await main({ dir, post: async () => { posted += 1; settle(null); }, report: (error) => settle(error) });
    if (next !== runPlans.length || result.stores !== runPlans.length) throw new Error(`the job settled ${next} of ${runPlans.length} stores`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await runJob(plans.filter((plan) => !plan.retry));
await runJob(plans.filter((plan) => plan.retry));
events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));

await writeEvents(OUT, events);
console.log(summarize(plans, events));
console.log(`${posted} rotas posted`);
