// Records permit-office v1.9.4 on the first day renewals open for last year's permits: residents
// checking prices, applying and renewing through the city website, and a restart of the vehicle
// registry mirror. Requests go over HTTP to the real app; the registry mirror is a local
// stand-in the plan takes down for a minute. The app's error handler hands over what it reports.
//
//   node .eval/record.mjs

import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, startStub, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/srv/permit-office/";
const ORIGIN = "https://parkeren.havenstad.nl/api";
const RELEASE = "v1.9.4";
const START = Date.parse("2026-11-20T07:30:00.000Z");
const WINDOW = 30 * 60_000;
const OUTAGE = { start: Date.parse("2026-11-20T07:51:10Z"), end: Date.parse("2026-11-20T07:52:20Z") };

const EXPECTED = {
  "vehicle-not-registered": { type: "TypeError", message: /^Cannot read properties of null \(reading 'emissionClass'\)$/, status: 500 },
  "renewal-notify-missing": { type: "TypeError", message: /^notify is not a function$/, status: 500 },
  "registry-restart": { type: "RegistryUnavailableError", message: /^vehicle registry unreachable \(ECONNREFUSED\)$/, status: 503 },
};

const require = createRequire(import.meta.url);
const { buildApp } = require("../app.js");
const { createMailer } = require("../services/mailer.js");
const { createRegistryClient } = require("../services/registry-client.js");
const { createStore } = require("../services/store.js");

const r = randomTools(mulberry32(0x9e2a_1194));
const CLASSES = ["euro6", "euro6", "euro5", "zero", "euro4", "euro6"];
const LETTERS = "BDFGHJKLNPRSTVXZ";
const plate = () => `${r.pick(LETTERS)}${r.pick(LETTERS)}${r.int(100, 999)}${r.pick(LETTERS)}`;
const resident = () => `R${r.int(1_000_000, 1_099_999)}`;

const vehicles = {};
const residents = [];
for (let i = 0; i < 60; i += 1) {
  const v = { plate: plate(), emissionClass: r.pick(CLASSES), ownerId: resident() };
  vehicles[v.plate] = v;
  residents.push({ id: v.ownerId, plate: v.plate, email: `${v.ownerId.toLowerCase()}@mail.example.nl` });
}
// Cars bought abroad or registered this week are not in the mirror yet.
const unregistered = ["DKA4821", "BMU77310", "GBLX21PQR", "FR482QZ", "NEW2611A", "BXL1AB234", "KLE9021"];

const store = createStore();
const expiring = [];
// Last year's permits, migrated from the old permit system; they expire within the month.
for (const person of residents.slice(0, 24)) {
  const application = store.saveApplication({ residentId: person.id, email: person.email, plate: person.plate, zone: r.pick(["centrum", "haven", "noord"]), price: 21_000 });
  const validFrom = `2025-12-${String(r.int(1, 19)).padStart(2, "0")}`;
  const permit = store.savePermit({ applicationId: application.id, plate: person.plate, zone: application.zone, price: application.price, validFrom, validTo: `2026-${validFrom.slice(5)}` });
  expiring.push({ person, permit });
}
const unpermitted = residents.slice(24);

const plans = [];
const inOutage = (at) => at >= OUTAGE.start && at <= OUTAGE.end;
function add(kind, request, extra = {}) {
  let at = extra.at ?? r.timeIn(START, WINDOW);
  while (kind !== "registry-restart" && inOutage(at)) at = r.timeIn(START, WINDOW);
  plans.push({ kind, at, id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 45 : 30), request, ...extra, at });
}
function headers(json) {
  const h = { accept: "application/json", "user-agent": r.pick(["Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0", "Mozilla/5.0 (Linux; Android 15) Chrome/131.0 Mobile"]), "x-forwarded-for": `145.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}` };
  if (json) h["content-type"] = "application/json";
  return h;
}

for (let i = 0; i < 40; i += 1) {
  const person = r.pick(residents);
  add("healthy", { method: "GET", path: `/vehicles/${person.plate}/prices`, headers: headers(false) }, { user: person.id, expectStatus: 200 });
}
for (let i = 0; i < 6; i += 1) add("healthy", { method: "GET", path: `/vehicles/${r.pick(unregistered)}/prices`, headers: headers(false) }, { expectStatus: 404 });
for (const person of unpermitted.slice(0, 22)) {
  add("healthy", { method: "POST", path: "/applications", headers: headers(true), body: { residentId: person.id, plate: person.plate, zone: r.pick(["centrum", "haven", "noord"]), email: person.email } }, { user: person.id, expectStatus: 201 });
}
for (let i = 0; i < 4; i += 1) {
  const person = r.pick(unpermitted.slice(22));
  add("healthy", { method: "POST", path: "/applications", headers: headers(true), body: { residentId: resident(), plate: person.plate, zone: "haven", email: "someone@mail.example.nl" } }, { expectStatus: 403 });
}
for (let i = 0; i < 3; i += 1) {
  const person = r.pick(residents);
  add("healthy", { method: "POST", path: "/applications", headers: headers(true), body: { residentId: person.id, plate: person.plate, zone: "zuid", email: person.email } }, { user: person.id, expectStatus: 422 });
}
for (let i = 0; i < 10; i += 1) {
  const { person, permit } = r.pick(expiring);
  add("healthy", { method: "GET", path: `/permits/${permit.id}`, headers: headers(false) }, { user: person.id, expectStatus: 200 });
}

for (let i = 0; i < 14; i += 1) {
  const id = resident();
  add("vehicle-not-registered", { method: "POST", path: "/applications", headers: headers(true), body: { residentId: id, plate: r.pick(unregistered), zone: r.pick(["centrum", "haven", "noord"]), email: `${id.toLowerCase()}@mail.example.nl` } }, { user: id });
}
for (let i = 0; i < 13; i += 1) {
  const { person, permit } = r.skewed(expiring);
  add("renewal-notify-missing", { method: "POST", path: `/permits/${permit.id}/renew`, headers: headers(false) }, { user: person.id });
}
for (let i = 0; i < 4; i += 1) {
  const person = r.pick(unpermitted.slice(22));
  const request = r.chance(0.5)
    ? { method: "GET", path: `/vehicles/${person.plate}/prices`, headers: headers(false) }
    : { method: "POST", path: "/applications", headers: headers(true), body: { residentId: person.id, plate: person.plate, zone: "noord", email: person.email } };
  add("registry-restart", request, { at: r.timeIn(OUTAGE.start, OUTAGE.end - OUTAGE.start), user: person.id });
}
plans.sort((a, b) => a.at - b.at);

const registry = await startStub((req, res) => {
  const vehicle = vehicles[decodeURIComponent(req.url.split("/")[2] ?? "")];
  // The mirror closes every connection, so a restart is always seen as ECONNREFUSED.
  res.writeHead(vehicle ? 200 : 404, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify(vehicle ?? { error: "not found" }));
});
let captured = null;
let mailSeq = 0;
const app = buildApp({
  registry: createRegistryClient({ baseUrl: registry.url }),
  store,
  mailer: createMailer({ send: async () => ({ messageId: `<${(mailSeq += 1)}.permit@relay.havenstad.nl>` }) }),
  today: () => "2026-11-20",
  report: (error) => (captured = error),
});
await app.listen({ port: 0, host: "127.0.0.1" });
const base = `http://127.0.0.1:${app.server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    await registry.setUp(!inOutage(plan.at));
    const { method, path, headers: sent, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    checkOutcome(plan, { status: response.status, error: captured }, EXPECTED);
    const tags = { service: "permit-office", node: "pod-2" };
    if (captured?.cause?.code) tags.cause_code = captured.cause.code;
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured,
        roots,
        request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...sent }, body },
        user: plan.user,
        tags,
      }),
    );
  }
} finally {
  await app.close();
  await registry.stop();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
