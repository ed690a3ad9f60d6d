// Records metrics-gateway v0.14.2 over half an hour of SDK traffic: browser and server SDKs post
// metric batches, dashboards read rollups. A customer deployed a staging service whose
// GAUGE_KEY was never set, so its SDK posts without the key header; the Tiny app project bursts
// over its quota at 12:10 (answered 429 on purpose, reported at warning). Every event is a real
// HTTP request to the gateway; errors are what its capture hook received.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording, listen } from "../../../tools/recorder.mjs";
import { createGateway } from "../src/gateway.ts";
import { createProjects } from "../src/projects.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "gateway-0.14.2",
  origin: "https://ingest.gauge.dev",
  start: "2026-11-23T12:00:00Z",
  seed: 0x6a06e,
  eventIds: "hex",
  tags: { service: "metrics-gateway", region: "us-west-2" },
});
const { rand } = rec;

rec.expect("missing-key-header", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'split'\)$/, status: 500 });
rec.expect("quota-exceeded", { type: "QuotaExceededError", message: /^Project prj_tiny is over its points-per-minute quota$/, status: 429, level: "warning" });

const PROJECTS = [
  { id: "prj_acme", name: "Acme web", secret: "k7Qp2vX9sLm4", pointsPerMinute: 5000 },
  { id: "prj_orca", name: "Orca backend", secret: "Zt8wN3rB6yHc", pointsPerMinute: 5000 },
  { id: "prj_tiny", name: "Tiny app", secret: "Hq5mV1cJ0dWe", pointsPerMinute: 40 },
];
const KEY = Object.fromEntries(PROJECTS.map((p) => [p.id, `${p.id}.${p.secret}`]));
const minute = (m) => Date.parse("2026-11-23T12:00:00Z") + m * 60_000;
const METRICS = ["page_load_ms", "api_latency_ms", "checkout_started", "search_results", "ws_reconnects"];

function points(count) {
  return Array.from({ length: count }, () => {
    const name = rand.pick(METRICS);
    return { name, value: name.endsWith("_ms") ? rand.int(40, 2400) : rand.int(0, 12), tags: { env: "production", route: rand.pick(["/", "/search", "/checkout", "/account"]) } };
  });
}

for (let i = 0; i < 60; i += 1) {
  const project = rand.pick(["prj_acme", "prj_acme", "prj_orca"]);
  const sdk = project === "prj_acme" ? "gauge-js/3.2.0" : "gauge-node/1.8.1";
  rec.add({ kind: "ok", status: 202, request: { method: "POST", path: "/v1/points", headers: { "user-agent": sdk, "content-type": "application/json", "x-gauge-key": KEY[project] }, json: { points: points(rand.int(1, 20)) } }, ms: 5 });
}
for (let i = 0; i < 13; i += 1) {
  rec.add({ kind: "missing-key-header", at: rec.at(6, 29), request: { method: "POST", path: "/v1/points", headers: { "user-agent": "gauge-node/1.8.1", "content-type": "application/json", "x-request-id": rand.uuid() }, json: { points: points(rand.int(1, 6)) } }, ms: 2 });
}
// Tiny app: steady trickle, then a burst inside one minute.
for (let i = 0; i < 8; i += 1) {
  let at = rec.at(0, 29);
  while (Math.floor(at / 60_000) === Math.floor(minute(10.5) / 60_000)) at = rec.at(0, 29);
  rec.add({ kind: "ok", status: 202, at, request: { method: "POST", path: "/v1/points", headers: { "user-agent": "gauge-js/3.1.4", "content-type": "application/json", "x-gauge-key": KEY.prj_tiny }, json: { points: points(3) } }, ms: 4 });
}
for (let i = 0; i < 9; i += 1) {
  const at = minute(10.05) + i * 5_000;
  rec.add({ kind: i < 3 ? "ok" : "quota-exceeded", status: i < 3 ? 202 : undefined, at, request: { method: "POST", path: "/v1/points", headers: { "user-agent": "gauge-js/3.1.4", "content-type": "application/json", "x-gauge-key": KEY.prj_tiny }, json: { points: points(12) } }, ms: 3 });
}
for (let i = 0; i < 18; i += 1) {
  const project = rand.pick(["prj_acme", "prj_orca"]);
  rec.add({ kind: "ok", request: { method: "GET", path: `/v1/rollups?metric=${rand.pick(METRICS)}`, headers: { "user-agent": "GaugeDashboard/5.0", "x-gauge-key": KEY[project] } }, ms: 7 });
}

let now = 0;
let captured = null;
const { server } = createGateway({ projects: createProjects(PROJECTS), clock: () => now, capture: (error) => { captured = error; } });
const running = await listen(server.listen(0, "127.0.0.1"));
rec.onCleanup(() => running.close());

await rec.run(async (item) => {
  now = item.at;
  captured = null;
  const { status } = await rec.httpSend(running.url, item);
  return { status, error: captured };
});
await rec.write();
