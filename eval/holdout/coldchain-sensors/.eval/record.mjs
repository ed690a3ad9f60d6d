// Records coldchain-sensors v2.14.0 in production: sensor uploads, dashboard polling, the two
// crashes and a firmware-registry restart, by sending each planned request to the real app
// over HTTP. The firmware registry is a local stand-in that the plan takes down twice.
//
//   node .eval/record.mjs        (re-runs itself under tsx; writes .eval/events.jsonl)

import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, startStub, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/app/";
const ORIGIN = "https://telemetry.coldline.eu";
const RELEASE = "v2.14.0";
const START = Date.parse("2026-11-09T03:10:00.000Z");
const WINDOW = 30 * 60_000;
const OUTAGES = [
  { start: Date.parse("2026-11-09T03:17:40Z"), end: Date.parse("2026-11-09T03:19:10Z") },
  { start: Date.parse("2026-11-09T03:31:00Z"), end: Date.parse("2026-11-09T03:31:45Z") },
];

const EXPECTED = {
  "readings-single-object": { type: "TypeError", message: /^readings\.filter is not a function$/, status: 500 },
  "humidity-tofixed": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'toFixed'\)$/, status: 500 },
  "firmware-registry-down": { type: "TypeError", message: /^fetch failed$/, status: 500, causeCode: "ECONNREFUSED" },
};

const { buildApp } = await import("../src/app.ts");
const { FirmwareClient } = await import("../src/clients/firmware-client.ts");
const { DeviceRegistry, FLEET, ReadingStore } = await import("../src/modules/index.ts");

const r = randomTools(mulberry32(0xf1ee7214));
const ANY = FLEET.map((d) => d.id);
const HUMIDITY = FLEET.filter((d) => d.model === "THX-3").map((d) => d.id);
const TEMPERATURE_ONLY = FLEET.filter((d) => d.model === "TMP-1").map((d) => d.id);
// THX-2 sensors on firmware 1.9 upload one reading per request, not wrapped in a list.
const LEGACY = FLEET.filter((d) => d.model === "THX-2").map((d) => d.id);
const byId = Object.fromEntries(FLEET.map((d) => [d.id, d]));
const DASHBOARD = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15"];

const inOutage = (at) => OUTAGES.some((o) => at >= o.start && at <= o.end);
const plans = [];
function add(kind, at, request, extra = {}) {
  plans.push({ kind, at, id: r.hex(32), durationMs: r.latency(kind === "firmware-registry-down" ? 4 : 7), request, ...extra });
}
function sensorHeaders(deviceId) {
  const device = byId[deviceId];
  return { "content-type": "application/json", "user-agent": `${device.model.toLowerCase()}-fw/${device.firmware}`, "x-device-id": deviceId };
}
function dashboardHeaders() {
  return { accept: "application/json", "user-agent": r.pick(DASHBOARD), "x-request-id": r.uuid() };
}
function wire(deviceId, at, withHumidity) {
  const device = byId[deviceId];
  const mid = (device.range.min + device.range.max) / 2;
  const reading = { ts: Math.floor(at / 1000) - r.int(5, 50), t: Math.round((mid + (r.rng() - 0.5) * 4) * 10) / 10 };
  if (withHumidity) reading.rh = r.int(35, 80);
  reading.bat = r.int(40, 100);
  return reading;
}
const hasHumidity = (deviceId) => byId[deviceId].model !== "TMP-1";

// Every sensor that can upload does so in the first minutes; dashboards poll afterwards.
for (const deviceId of [...HUMIDITY, ...TEMPERATURE_ONLY]) {
  const at = r.timeIn(START, 90_000);
  add("healthy", at, { method: "POST", path: `/v1/devices/${deviceId}/readings`, headers: sensorHeaders(deviceId), body: { readings: [wire(deviceId, at, hasHumidity(deviceId))] } }, { expectStatus: 202 });
}
for (let i = 0; i < 34; i += 1) {
  const deviceId = r.pick([...HUMIDITY, ...TEMPERATURE_ONLY]);
  const at = r.timeIn(START + 120_000, WINDOW - 120_000);
  const readings = Array.from({ length: r.int(1, 4) }, () => wire(deviceId, at, hasHumidity(deviceId)));
  const body = { readings };
  if (r.chance(0.1)) body.alerts = r.pick(["DOOR_OPEN", ["DOOR_OPEN"], "LOW_BATTERY"]);
  add("healthy", at, { method: "POST", path: `/v1/devices/${deviceId}/readings`, headers: sensorHeaders(deviceId), body }, { expectStatus: 202 });
}
for (let i = 0; i < 24; i += 1) {
  const deviceId = r.skewed(HUMIDITY);
  add("healthy", r.timeIn(START + 120_000, WINDOW - 120_000), { method: "GET", path: `/v1/devices/${deviceId}/summary`, headers: dashboardHeaders() }, { expectStatus: 200 });
}
for (let i = 0; i < 10; i += 1) {
  const site = r.pick(["rotterdam-dc", "antwerp-x2", "lille-hub"]);
  add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: `/v1/sites/${site}/devices`, headers: dashboardHeaders() }, { expectStatus: 200 });
}
for (let i = 0; i < 8; i += 1) {
  const deviceId = r.pick([...HUMIDITY, ...TEMPERATURE_ONLY]);
  add("healthy", r.timeIn(START + 120_000, WINDOW - 120_000), { method: "GET", path: `/v1/devices/${deviceId}/readings?since=2026-11-09T03:00:00.000Z`, headers: dashboardHeaders() }, { expectStatus: 200 });
}
for (let i = 0; i < 12; i += 1) {
  let at = r.timeIn(START, WINDOW);
  while (inOutage(at)) at = r.timeIn(START, WINDOW);
  add("healthy", at, { method: "GET", path: `/v1/devices/${r.pick(ANY)}/firmware`, headers: dashboardHeaders() }, { expectStatus: 200 });
}
add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: "/v1/devices/thx-0999/summary", headers: dashboardHeaders() }, { expectStatus: 404 });

for (let i = 0; i < 13; i += 1) {
  const deviceId = r.pick(LEGACY);
  const at = r.timeIn(START, WINDOW);
  add("readings-single-object", at, { method: "POST", path: `/v1/devices/${deviceId}/readings`, headers: sensorHeaders(deviceId), body: { readings: wire(deviceId, at, true) } });
}
for (let i = 0; i < 21; i += 1) {
  const deviceId = r.skewed(TEMPERATURE_ONLY);
  add("humidity-tofixed", r.timeIn(START + 120_000, WINDOW - 120_000), { method: "GET", path: `/v1/devices/${deviceId}/summary`, headers: dashboardHeaders() });
}
for (let i = 0; i < 6; i += 1) {
  const outage = OUTAGES[i % OUTAGES.length];
  add("firmware-registry-down", r.timeIn(outage.start, outage.end - outage.start), { method: "GET", path: `/v1/devices/${r.pick(ANY)}/firmware`, headers: dashboardHeaders() });
}
plans.sort((a, b) => a.at - b.at);

const LATEST = { "THX-3": "3.2.1", "THX-2": "2.0.0", "TMP-1": "1.4.2" };
const registry = await startStub((req, res) => {
  const model = decodeURIComponent(req.url.split("/")[2]);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ version: LATEST[model], publishedAt: "2026-10-14T09:00:00Z" }));
});

let captured = null;
const app = buildApp({
  registry: new DeviceRegistry(FLEET),
  store: new ReadingStore(),
  firmware: new FirmwareClient(registry.url),
  reporter: { capture: (error) => (captured = error) },
});
await app.listen({ port: 0, host: "127.0.0.1" });
const base = `http://127.0.0.1:${app.server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    await registry.setUp(!inOutage(plan.at));
    const { method, path, headers, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    checkOutcome(plan, { status: response.status, error: captured }, EXPECTED);
    const tags = { service: "coldchain-sensors", region: "eu-west-3" };
    if (captured?.cause?.code) tags.cause_code = captured.cause.code;
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured,
        roots,
        request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...headers }, body },
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
