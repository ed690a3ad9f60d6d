// Records shift-scheduler v4.3.1 on a Friday afternoon: employees offer shifts and update their
// availability in the staff app (API Gateway REST API; binary media types were switched on for
// the badge-photo upload, so JSON bodies arrive base64-encoded), and the "roster-sync" schedule
// runs the publish job every five minutes. notify/sms.ts was renamed text-message.ts in 4.3.
// Handlers and the job are invoked with the events AWS would send; errors are what
// lib/report.ts received. Job events carry no request.
//
//   node --import tsx .eval/record.mjs

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";

const require = createRequire(import.meta.url);
const { createSwapHandler } = require("../src/handlers/swap.ts");
const { createAvailabilityHandler } = require("../src/handlers/availability.ts");
const { createPublishRosters } = require("../src/jobs/publish-rosters.ts");
const { reportTo } = require("../src/lib/report.ts");
const { seedDb } = require("../src/lib/roster.ts");

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/var/task/",
  release: "4.3.1",
  origin: "https://staff-api.nordlys.no",
  start: "2026-11-27T13:00:00Z",
  seed: 0x5a1f7,
  eventIds: "hex",
  tags: { service: "shift-scheduler", aws_region: "eu-north-1" },
});
const { rand } = rec;

rec.expect("base64-swap-body", { type: "SyntaxError", message: /is not valid JSON$/, status: 500 });
rec.expect("sms-notifier-renamed", { type: "Error", message: /^Cannot find module '\.\.\/notify\/sms'/ });

const db = seedDb();
const TEAMS = Object.fromEntries(db.teams.map((team) => [team.id, team]));
// API Gateway hands the function the base64 text, and that is what the reporter records.
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64");
const APP = () => ({ "User-Agent": rand.pick(["NordlysStaff/2.8.0 (iPhone; iOS 18.1)", "NordlysStaff/2.8.0 (Android 14)"]), "Content-Type": "application/json", Accept: "application/json" });

for (let i = 0; i < 15; i += 1) {
  const shift = rand.pick(db.shifts.filter((s) => TEAMS[s.teamId].members.length > 1));
  const colleague = TEAMS[shift.teamId].members.find((m) => m.id !== shift.employeeId);
  rec.add({ kind: "base64-swap-body", fn: "swap", employeeId: shift.employeeId, params: { shiftId: shift.id }, request: { method: "POST", path: `/shifts/${shift.id}/swap`, headers: APP(), body: b64({ withEmployeeId: colleague.id, reason: rand.pick(["doctor", "family", "exam", "moving house", ""]) }) }, user: shift.employeeId, ms: 6 });
}
for (let i = 0; i < 8; i += 1) {
  const shift = rand.pick(db.shifts);
  const other = rand.pick(db.teams.flatMap((t) => t.members).filter((m) => m.id !== shift.employeeId));
  rec.add({ kind: "ok", status: 403, fn: "swap", employeeId: other.id, params: { shiftId: shift.id }, request: { method: "POST", path: `/shifts/${shift.id}/swap`, headers: APP(), body: b64({ withEmployeeId: shift.employeeId }) }, user: other.id, ms: 4 });
}
for (let i = 0; i < 26; i += 1) {
  const member = rand.pick(db.teams.flatMap((t) => t.members));
  const days = Array.from({ length: rand.int(1, 3) }, () => `2026-12-${String(rand.int(1, 28)).padStart(2, "0")}`);
  rec.add({ kind: "ok", fn: "availability", employeeId: member.id, params: { employeeId: member.id }, request: { method: "PUT", path: `/employees/${member.id}/availability`, headers: APP(), body: b64({ unavailable: days }) }, user: member.id, ms: 9 });
}
// roster-sync: two SMS teams fail on every run.
for (let m = 2; m < 29; m += 5) {
  const at = rec.at(m, m + 0.02);
  for (const teamId of ["t-osl-night", "t-brg-dock"]) rec.add({ kind: "sms-notifier-renamed", at: at + (teamId === "t-brg-dock" ? 40 : 20), fn: "job", teamId, runAt: at });
}

function apiEvent(item) {
  return {
    resource: item.fn === "swap" ? "/shifts/{shiftId}/swap" : "/employees/{employeeId}/availability",
    path: item.request.path,
    httpMethod: item.request.method,
    headers: { ...item.request.headers, Host: "staff-api.nordlys.no", "X-Forwarded-Proto": "https" },
    pathParameters: item.params,
    queryStringParameters: null,
    requestContext: { requestId: item.eventId.slice(0, 24), stage: "prod", authorizer: { claims: { sub: `cognito-${item.employeeId}`, "custom:employeeId": item.employeeId } } },
    body: item.request.body,
    isBase64Encoded: true,
  };
}

let reported = new Map();
reportTo((error, context) => reported.set(context.teamId ?? "api", error));
const swap = createSwapHandler(db);
const availability = createAvailabilityHandler(db);
const publishRosters = createPublishRosters(db);
const runs = new Map();

await rec.run(async (item) => {
  if (item.fn === "job") {
    if (!runs.has(item.runAt)) {
      reported = new Map();
      await publishRosters({ id: `ev-${item.runAt}`, "detail-type": "Scheduled Event", source: "aws.scheduler", time: new Date(item.runAt).toISOString(), detail: {} });
      runs.set(item.runAt, reported);
    }
    return { error: runs.get(item.runAt).get(item.teamId) ?? null };
  }
  reported = new Map();
  const handler = item.fn === "swap" ? swap : availability;
  const result = await handler(apiEvent(item));
  return { status: result.statusCode, error: reported.get("api") ?? null };
});
await rec.write();
