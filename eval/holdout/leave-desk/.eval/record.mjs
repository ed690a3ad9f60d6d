// Records leave-desk v3.8.1 in production: healthy traffic, the two crashes and the reported
// overlap conflicts, by sending every planned request over HTTP to the real app.
//
//   node .eval/record.mjs        (writes .eval/events.jsonl)

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/srv/leave-desk/";
const ORIGIN = "https://leave.people.northwind-hr.io";
const RELEASE = "v3.8.1";
const START = Date.parse("2026-11-17T08:00:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "leave-type-unknown": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'carryOverMax'\)$/, status: 500, level: "error" },
  "holiday-calendar-moved": { type: "Error", message: /^Cannot find module '\.\.\/calendar\/public-holidays'/, status: 500, level: "error" },
  "overlap-conflict": { type: "ConflictError", message: /^Leave request overlaps LR-\d+ /, status: 409, level: "warning" },
};

const require = createRequire(import.meta.url);
const seed = require("../lib/seed.js");

const r = randomTools(mulberry32(0x1ea7e381));
const EMPLOYEES = seed.employees.map((e) => e.id);
const POLICY_OF = Object.fromEntries(seed.employees.map((e) => [e.id, seed.policies.find((p) => p.code === e.policyCode)]));
const CLIENTS = ["leave-desk-ios/4.2.0", "leave-desk-android/4.2.1", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Chrome/131.0", "leave-desk-ios/4.1.3"];
// Mobile 4.2 lists every leave type the company has, whatever the employee's country offers.
const ALL_TYPES = ["annual", "sick", "parental", "study", "wellbeing"];

const plans = [];
function add(kind, request, extra = {}) {
  plans.push({ kind, at: r.timeIn(START, WINDOW), id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 18 : 9), request, ...extra });
}

// Each employee files healthy leave in weeks of their own, so requests never collide by accident.
const nextWeek = new Map();
function freeDates(employeeId, days) {
  const week = nextWeek.get(employeeId) ?? 0;
  nextWeek.set(employeeId, week + 1);
  const monday = Date.UTC(2027, 0, 4) + week * 7 * 86_400_000;
  const start = monday + r.int(0, 4 - (days - 1)) * 86_400_000;
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  return { startDate: iso(start), endDate: iso(start + (days - 1) * 86_400_000) };
}

function json(method, path, body, client = r.pick(CLIENTS)) {
  return { method, path, body, headers: { "content-type": "application/json", accept: "application/json", "user-agent": client, "x-request-id": r.hex(16) } };
}
function get(path, client = r.pick(CLIENTS)) {
  return { method: "GET", path, headers: { accept: "application/json", "user-agent": client, "x-request-id": r.hex(16) } };
}

for (let i = 0; i < 40; i += 1) {
  const employeeId = r.skewed(EMPLOYEES);
  const type = r.chance(0.75) ? "annual" : "sick";
  const body = { type, ...freeDates(employeeId, r.int(1, 3)) };
  if (r.chance(0.3)) body.note = r.pick(["family visit", "dentist", "moving flat", "school holidays"]);
  add("healthy", json("POST", `/v1/employees/${employeeId}/leave`, body), { user: employeeId, expectStatus: 201 });
}
for (let i = 0; i < 30; i += 1) {
  const employeeId = r.skewed(EMPLOYEES);
  add("healthy", get(`/v1/employees/${employeeId}/leave`), { user: employeeId, expectStatus: 200 });
}
for (let i = 0; i < 26; i += 1) {
  const employeeId = r.skewed(EMPLOYEES);
  const types = Object.keys(POLICY_OF[employeeId].allowances);
  add("healthy", get(`/v1/employees/${employeeId}/balances/${r.pick(types)}`), { user: employeeId, expectStatus: 200 });
}
for (let i = 0; i < 6; i += 1) add("healthy", get("/v1/policies"), { expectStatus: 200 });
add("healthy", get("/v1/employees/e-1017/leave"), { expectStatus: 404 });
add("healthy", json("POST", "/v1/employees/e-1002/leave", { type: "annual", startDate: "2026-11-30" }), { user: "e-1002", expectStatus: 422 });

for (let i = 0; i < 17; i += 1) {
  const employeeId = r.skewed(EMPLOYEES);
  const offered = new Set(Object.keys(POLICY_OF[employeeId].allowances));
  const type = r.pick(ALL_TYPES.filter((t) => !offered.has(t)));
  const client = r.pick(CLIENTS.filter((c) => c.includes("/4.2")));
  add("leave-type-unknown", json("POST", `/v1/employees/${employeeId}/leave`, { type, ...freeDates(employeeId, r.int(1, 2)) }, client), { user: employeeId });
}
for (let i = 0; i < 9; i += 1) {
  const team = r.pick(["platform", "payments", "support"]);
  add("holiday-calendar-moved", get(`/v1/teams/${team}/calendar?month=${r.pick(["2026-12", "2027-01", "2026-12"])}`, CLIENTS[2]), { user: r.pick(["e-1001", "e-1004", "e-1008"]) });
}
const OVERLAPS = [
  ["e-1001", { type: "annual", startDate: "2026-12-23", endDate: "2026-12-23" }],
  ["e-1005", { type: "annual", startDate: "2026-12-29", endDate: "2026-12-30" }],
  ["e-1001", { type: "sick", startDate: "2026-12-21", endDate: "2026-12-22" }],
  ["e-1005", { type: "annual", startDate: "2026-12-31", endDate: "2026-12-31" }],
];
for (const [employeeId, body] of OVERLAPS) add("overlap-conflict", json("POST", `/v1/employees/${employeeId}/leave`, body), { user: employeeId });

plans.sort((a, b) => a.at - b.at);

const { startServer } = require("../server.js");

let captured = null;
const reporter = {
  warn: (error, context) => (captured = { error, level: "warning", status: context.status }),
  error: (error, context) => (captured = { error, level: "error", status: context.status }),
};
const server = startServer({ port: 0, host: "127.0.0.1", reporter });
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);
// In production server.js is the entry point; here this recorder requires it.
const asDeployed = (text) => text.split(`\n- ${DEPLOY_ROOT}.eval/record.mjs`).join("");

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    const { method, path, headers, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    const outcome = { status: response.status, error: captured?.error, level: captured?.level };
    checkOutcome(plan, outcome, EXPECTED);
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured?.error,
        level: captured?.level,
        roots,
        rewrite: asDeployed,
        request: {
          method,
          url: `${ORIGIN}${path}`,
          status: response.status,
          durationMs: plan.durationMs,
          headers: { host: new URL(ORIGIN).host, ...headers },
          body,
        },
        user: plan.user,
        tags: { service: "leave-desk", region: "eu-central-1" },
      }),
    );
  }
} finally {
  server.close();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
