// Records warehouse-bins v0.42.0 during the morning inbound wave: the dock scans cartons into
// bins, the office sends pick lists, pickers look up bins. The new handhelds let the dock key in
// a SKU when a carton's label is torn, and then send no barcode. The label spooler agent
// (@shipwell/label-spool, started in the same process by the container entrypoint) crashes now
// and then on a printer that was unplugged; it is written to a temporary node_modules and run
// for real. Every other event is a real HTTP request to the app.
//
//   node --import tsx .eval/record.mjs

import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRecording, listen } from "../../../tools/recorder.mjs";
import { createApp } from "../src/app.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "v0.42.0",
  origin: "https://wms.vantaa-dc.fi",
  start: "2026-11-18T05:45:00Z",
  seed: 0xb1175,
  eventIds: "hex",
  tags: { service: "warehouse-bins", site: "vantaa" },
});
const { rand } = rec;

rec.expect("keyed-sku-without-barcode", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'trim'\)$/, status: 500 });
rec.expect("label-spool-crash", { type: "TypeError", message: /^Cannot read properties of null \(reading 'dpi'\)$/ });

const SCANNED = { "HX-2210": "6414502210014", "HX-2212": "6414502212018", "WS-0810": "6414500810017", "AN-1160": "6414501160012", "DR-5500": "6414505500019" };
const HOME_BIN = { "HX-2210": "A-01-1", "HX-2212": "A-01-2", "WS-0810": "A-02-1", "AN-1160": "B-07-3", "DR-5500": "C-11-2" };
const SUPPLIERS = ["Würth Oy", "Bossard", "Hilti Suomi", "Makita Nordic"];
const HANDHELD = (version) => ({ "user-agent": `DockScan/${version} (Zebra TC58; Android 13)`, accept: "application/json" });

function receiptLine(keyed) {
  const sku = rand.pick(Object.keys(SCANNED));
  const qty = rand.int(1, 12);
  if (keyed) return { sku, qty, bin: HOME_BIN[sku] };
  return { barcode: rand.chance(0.3) ? `${SCANNED[sku]}\n` : SCANNED[sku], qty, bin: HOME_BIN[sku] };
}

for (let i = 0; i < 30; i += 1) {
  const version = rand.pick(["4.7.1", "5.0.0"]);
  const keyed = version === "5.0.0" && rand.chance(0.45);
  const lines = Array.from({ length: rand.int(1, 3) }, () => receiptLine(false));
  if (keyed) lines.splice(rand.int(0, lines.length), 0, receiptLine(true));
  rec.add({ kind: keyed ? "keyed-sku-without-barcode" : "ok", status: keyed ? undefined : 201, request: { method: "POST", path: "/receipts", headers: HANDHELD(version), json: { supplier: rand.pick(SUPPLIERS), lines } }, ms: keyed ? 4 : 11 });
}
for (let i = 0; i < 14; i += 1) {
  const lines = Array.from({ length: rand.int(1, 3) }, () => {
    const sku = rand.pick(["HX-2210", "WS-0810", "AN-1160"]);
    return rand.chance(0.5) ? { sku, qty: rand.int(1, 4) } : { barcode: SCANNED[sku], qty: rand.int(1, 4) };
  });
  rec.add({ kind: "ok", request: { method: "POST", path: "/picklists", headers: { "user-agent": "VantaaOffice/2.3 (ERP bridge)", accept: "application/json" }, json: { order: `SO-${88100 + i}`, lines } }, ms: 9 });
}
for (let i = 0; i < 20; i += 1) {
  rec.add({ kind: "ok", request: { method: "GET", path: `/bins/${rand.pick(Object.values(HOME_BIN))}`, headers: HANDHELD("5.0.0") }, ms: 3 });
}
for (let i = 0; i < 3; i += 1) rec.add({ kind: "label-spool-crash", at: rec.at(8 + i * 7, 12 + i * 7), label: "label spooler" });

// The spooler agent as published on the registry (1.4.2), reduced to the code that runs here.
const SPOOL = `// @shipwell/label-spool 1.4.2
const FLUSH_MS = 0;

export function createSpool({ printers, onError }) {
  const queue = [];
  let timer = null;
  return {
    print(job) {
      queue.push(job);
      if (!timer) timer = setTimeout(() => { timer = null; flush(queue.splice(0), printers, onError); }, FLUSH_MS);
    },
  };
}

function flush(jobs, printers, onError) {
  for (const job of jobs) {
    try {
      send(renderLabel(job, printers.get(job.printerId) ?? null));
    } catch (error) {
      onError(error);
    }
  }
}

function renderLabel(job, printer) {
  const dots = Math.round((job.widthMm / 25.4) * printer.dpi);
  return \`^XA^PW\${dots}^FO20,20^FD\${job.text}^FS^XZ\`;
}

function send(zpl) {
  return zpl.length;
}
`;
const spoolDir = await rec.vendorPackage("@shipwell/label-spool", {
  "package.json": JSON.stringify({ name: "@shipwell/label-spool", version: "1.4.2", type: "module", main: "dist/index.js" }),
  "dist/index.js": SPOOL,
});
const { createSpool } = await import(pathToFileURL(join(spoolDir, "dist/index.js")).href);

function crashSpool() {
  return new Promise((resolve) => {
    const spool = createSpool({ printers: new Map([["dock-2", { dpi: 203 }]]), onError: resolve });
    spool.print({ printerId: "dock-4", widthMm: 100, text: "A-01-1" });
  });
}

let reported = null;
const server = await listen(createApp({ onError: (error) => { reported = error; } }).listen(0, "127.0.0.1"));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  if (item.kind === "label-spool-crash") return { error: await crashSpool() };
  reported = null;
  const { status } = await rec.httpSend(server.url, item);
  return { status, error: reported };
});
await rec.write();
