// Records school-office v5.2.0 on the Monday after mid-terms: teachers opening sections, exporting
// rosters and entering grades, the office pulling the honour roll from the dashboard. Every
// request goes over HTTP to the real Koa app; its error middleware hands over 5xx errors.
//
//   node .eval/record.mjs

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/opt/school-office/";
const ORIGIN = "https://office.lindenhigh.org";
const RELEASE = "v5.2.0";
const START = Date.parse("2026-11-16T07:45:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "roster-export-withdrawn": { type: "TypeError", message: /^Cannot destructure property 'id' of 'undefined' as it is undefined\.$/, status: 500 },
  "term-query-missing": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'trim'\)$/, status: 500 },
};

const require = createRequire(import.meta.url);
const { createApp } = require("../server/app.js");
const { createDb } = require("../server/db.js");
const fixtures = require("../server/fixtures.js");

const r = randomTools(mulberry32(0x9adeb00c));
const TEACHERS = { "Ms. Kovacs": "t-kovacs", "Mr. Obi": "t-obi", "Mrs. Duarte": "t-duarte", "Mr. Quinn": "t-quinn", "Dr. Ahn": "t-ahn", "Ms. Reyes": "t-reyes" };
const teacherOf = Object.fromEntries(fixtures.sections.map((s) => [s.id, TEACHERS[s.teacher]]));
const purged = new Set(fixtures.students.map((s) => s.id));
const withLeavers = fixtures.sections.filter((s) => s.studentIds.some((id) => !purged.has(id))).map((s) => s.id);
const complete = fixtures.sections.filter((s) => !withLeavers.includes(s.id)).map((s) => s.id);
const fall = fixtures.sections.filter((s) => s.term === "2026-fall");
const BROWSERS = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/131.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15", "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) Chrome/131.0"];

const plans = [];
function add(kind, request, extra = {}) {
  plans.push({ kind, at: r.timeIn(START, WINDOW), id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 24 : 12), request, ...extra });
}
function headers(extra = {}) {
  return { accept: "application/json, text/csv;q=0.9", "user-agent": r.pick(BROWSERS), "x-forwarded-for": `10.40.${r.int(1, 12)}.${r.int(2, 250)}`, ...extra };
}

for (let i = 0; i < 20; i += 1) {
  const query = r.pick(["", "", "", "?term=2026-spring", "?term=2026-fall"]);
  add("healthy", { method: "GET", path: `/sections${query}`, headers: headers() }, { user: r.pick(Object.values(TEACHERS)), expectStatus: 200 });
}
for (let i = 0; i < 30; i += 1) {
  const section = r.skewed(fall);
  add("healthy", { method: "GET", path: `/sections/${section.id}`, headers: headers() }, { user: teacherOf[section.id], expectStatus: 200 });
}
for (let i = 0; i < 12; i += 1) {
  const id = r.pick(complete);
  add("healthy", { method: "GET", path: `/sections/${id}/roster.csv`, headers: headers() }, { user: teacherOf[id], expectStatus: 200 });
}
for (let i = 0; i < 22; i += 1) {
  const section = r.pick(fall);
  const studentId = r.pick(section.studentIds.filter((id) => purged.has(id)));
  add("healthy", { method: "PUT", path: `/sections/${section.id}/grades/${studentId}`, headers: headers({ "content-type": "application/json" }), body: { letter: r.pick(["A", "A-", "B+", "B", "B-", "C+", "A"]) } }, { user: teacherOf[section.id], expectStatus: 200 });
}
add("healthy", { method: "PUT", path: "/sections/sec-102/grades/s-2205", headers: headers({ "content-type": "application/json" }), body: { letter: "A+" } }, { user: "t-obi", expectStatus: 422 });
for (let i = 0; i < 8; i += 1) {
  add("healthy", { method: "GET", path: `/reports/honour-roll?term=${r.pick(["2026-fall", "2026-Fall", "2026-spring", "2026-Fall%20"])}`, headers: headers() }, { user: "office-1", expectStatus: 200 });
}
add("healthy", { method: "GET", path: "/sections/sec-110", headers: headers() }, { user: "t-ahn", expectStatus: 404 });

for (let i = 0; i < 14; i += 1) {
  const id = r.pick(withLeavers);
  add("roster-export-withdrawn", { method: "GET", path: `/sections/${id}/roster.csv`, headers: headers() }, { user: teacherOf[id] });
}
// The dashboard's new "Honour roll" tile links to the report without a term.
for (let i = 0; i < 12; i += 1) {
  add("term-query-missing", { method: "GET", path: r.pick(["/reports/honour-roll", "/reports/honour-roll", "/reports/honour-roll?format=json"]), headers: headers() }, { user: r.pick(["office-1", "office-2", "t-kovacs"]) });
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
let clock = START;
const app = createApp({ db: createDb(fixtures), now: () => new Date(clock), onError: (err) => (captured = err) });
const server = createServer(app.callback());
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    clock = plan.at;
    const { method, path, headers: sent, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    checkOutcome(plan, { status: response.status, error: captured }, EXPECTED);
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured,
        roots,
        request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...sent }, body },
        user: plan.user,
        tags: { app: "school-office", campus: "linden-main" },
      }),
    );
  }
} finally {
  server.close();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
