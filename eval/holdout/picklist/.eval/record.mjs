// Records picklist v0.42.0 on the early shift: handheld scanners looking up SKUs and submitting
// pick lines, dock printers fetching wave labels. Every request goes over HTTP to the real app,
// started through src/server.js as in production; the server's catch hands over what it caught.
//
//   node .eval/record.mjs

import { fileURLToPath } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/srv/picklist/";
const ORIGIN = "https://picklist.tlb-warehouse.nl";
const RELEASE = "v0.42.0";
const START = Date.parse("2026-11-26T05:00:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "pick-unknown-sku": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'onHand'\)$/, status: 500 },
  "label-module-moved": { type: "Error", message: /^Cannot find module '.+\/src\/routes\/labels\/zpl\.js' imported from .+\/src\/routes\/waves\.js$/, status: 500 },
};

const { start } = await import("../src/server.js");
const { SEED } = await import("../src/domain/warehouse.js");

const r = randomTools(mulberry32(0x91c4_0042));
const SKUS = SEED.slots.map((slot) => slot.sku);
const BINS = SEED.slots.map((slot) => slot.bin);
// Cartons from the new supplier carry EAN-13 barcodes that are not in the location master yet.
const UNMAPPED = ["8712345678906", "8712345678913", "TLB-60213", "8712345678920", "TLB-60214"];
const PICKERS = ["p-04", "p-11", "p-17", "p-21", "p-26"];
const SCANNERS = ["Zebra-TC52/11 picklist-scanner/3.9.0", "Zebra-TC57/13 picklist-scanner/3.9.0", "Honeywell-CT40/10 picklist-scanner/3.8.2"];

const plans = [];
function add(kind, at, request, extra = {}) {
  plans.push({ kind, at, id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 9 : 5), request, ...extra });
}
function headers(json, device = r.pick(SCANNERS)) {
  const h = { accept: "application/json", "user-agent": device, "x-scanner-id": `SCN-${r.int(100, 140)}` };
  if (json) h["content-type"] = "application/json";
  return h;
}
function lines(count, extra = []) {
  const picked = new Set();
  while (picked.size < count) picked.add(r.pick(SKUS));
  const list = [...picked].map((sku) => ({ sku, qty: r.int(1, 3) }));
  for (const sku of extra) list.splice(r.int(0, list.length), 0, { sku, qty: r.int(1, 4) });
  return list;
}

for (const waveId of ["W-2611-01", "W-2611-02"]) {
  const picker = r.pick(PICKERS);
  add("healthy", r.timeIn(START, 90_000), { method: "POST", path: `/waves/${waveId}/picks`, headers: headers(true), body: { picker, lines: lines(3) } }, { user: picker, expectStatus: 200 });
}
for (let i = 0; i < 24; i += 1) {
  const picker = r.pick(PICKERS);
  add("healthy", r.timeIn(START + 120_000, WINDOW - 120_000), { method: "POST", path: `/waves/${r.pick(["W-2611-01", "W-2611-02"])}/picks`, headers: headers(true), body: { picker, lines: lines(r.int(1, 4)) } }, { user: picker, expectStatus: 200 });
}
for (let i = 0; i < 40; i += 1) add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: `/skus/${r.skewed(SKUS)}`, headers: headers(false) }, { user: r.pick(PICKERS), expectStatus: 200 });
for (let i = 0; i < 8; i += 1) add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: `/skus/${r.pick(UNMAPPED)}`, headers: headers(false) }, { user: r.pick(PICKERS), expectStatus: 404 });
for (let i = 0; i < 10; i += 1) add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: `/waves/${r.pick(["W-2611-01", "W-2611-02", "W-2611-03"])}`, headers: headers(false) }, { expectStatus: 200 });
for (let i = 0; i < 9; i += 1) {
  add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: `/bins/${r.pick(BINS)}/label${r.chance(0.3) ? "?dpi=300" : ""}`, headers: headers(false, "ZebraNet/ZT410 dock-bridge/1.2") }, { expectStatus: 200 });
}
for (let i = 0; i < 4; i += 1) add("healthy", r.timeIn(START, WINDOW), { method: "GET", path: "/waves/W-2611-03/labels", headers: headers(false, "ZebraNet/ZT410 dock-bridge/1.2") }, { expectStatus: 409 });
add("healthy", r.timeIn(START, WINDOW), { method: "POST", path: "/waves/W-2610-09/picks", headers: headers(true), body: { picker: "p-11", lines: lines(1) } }, { user: "p-11", expectStatus: 409 });

for (let i = 0; i < 16; i += 1) {
  const picker = r.pick(PICKERS);
  const body = { picker, lines: lines(r.int(0, 3), [r.pick(UNMAPPED)]) };
  add("pick-unknown-sku", r.timeIn(START + 120_000, WINDOW - 120_000), { method: "POST", path: `/waves/${r.pick(["W-2611-01", "W-2611-02"])}/picks`, headers: headers(true), body }, { user: picker });
}
for (let i = 0; i < 8; i += 1) {
  const dock = r.pick([["W-2611-01", "D1"], ["W-2611-02", "D2"]]);
  add("label-module-moved", r.timeIn(START + 300_000, WINDOW - 300_000), { method: "GET", path: `/waves/${dock[0]}/labels${r.chance(0.4) ? "?dpi=300" : ""}`, headers: headers(false, "ZebraNet/ZT410 dock-bridge/1.2") }, { tags: { dock: dock[1] } });
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
const { server } = start({ port: 0, host: "127.0.0.1", onError: (error) => (captured = error) });
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
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
        tags: { site: "tilburg-dc", ...plan.tags },
      }),
    );
  }
} finally {
  server.close();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
