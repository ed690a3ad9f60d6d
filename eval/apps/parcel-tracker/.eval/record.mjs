// Records parcel-tracker v1.8.4 on a Tuesday: partner shops upload shipments from their ERPs and
// their order-status pages poll the ETA. Kaffeekontor switched to a hand-written export plugin
// (kontor-sync 0.9) that emits JSON with trailing commas and single quotes now and then; the
// shipments imported from the 2024 system have no destination address.
// Every event is a real HTTP request to the app; errors are what its onError hook captured.
//
//   node --import tsx .eval/record.mjs

import { serve } from "@hono/node-server";
import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { buildApp } from "../src/app.ts";
import { SEED, ShipmentStore } from "../src/shipments/store.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/srv/parcel-tracker/",
  release: "v1.8.4",
  origin: "https://api.kestrel-freight.eu",
  start: "2026-11-17T10:05:00Z",
  seed: 0xba7ce1,
  tags: { service: "parcel-tracker", dc: "fra-2" },
});
const { rand } = rec;

rec.expect("malformed-shipment-body", { type: "SyntaxError", message: /JSON/, status: 500 });
rec.expect("legacy-shipment-eta", { type: "TypeError", message: /^Cannot destructure property 'city' of 'shipment\.destination' as it is undefined\.$/, status: 500 });

const KEYS = { "pk_live_radhaus_7f2c": "shop-radhaus", "pk_live_kontor_91ab": "shop-kaffeekontor" };
const SHOPS = {
  "shop-radhaus": { key: "pk_live_radhaus_7f2c", agent: "radhaus-erp/5.1 (Java 21)", hub: "CGN-2", prefix: "RH-2026-" },
  "shop-kaffeekontor": { key: "pk_live_kontor_91ab", agent: "kontor-sync/0.9.2 (PHP 8.3)", hub: "HAM-1", prefix: "KK-" },
};
const PEOPLE = [
  ["Marta Kowalska", "ul. Piękna 20", "00-549", "Warszawa", "PL"],
  ["Lukas Gruber", "Herrengasse 3", "8010", "Graz", "AT"],
  ["Sanne Bakker", "Oudegracht 140", "3511 AZ", "Utrecht", "NL"],
  ["Felix Braun", "Königsallee 60", "40212", "Düsseldorf", "DE"],
  ["Mira Jansen", "Coolsingel 42", "3011 AD", "Rotterdam", "NL"],
  ["Jonas Weber", "Sendlinger Str. 7", "80331", "München", "DE"],
];

function shipmentJson(shop, n) {
  const [name, street, postcode, city, country] = rand.pick(PEOPLE);
  return { reference: `${SHOPS[shop].prefix}${n}`, weightKg: Number((0.3 + rand.next() * 12).toFixed(1)), originHub: SHOPS[shop].hub, destination: { name, street, postcode, city, country } };
}

// What kontor-sync 0.9 sometimes writes instead of JSON.
const MANGLE = [
  (text) => text.replace(/}$/, ",}"),
  (text) => text.replace(/"/g, "'"),
  (text) => text.replace(/,"destination"/, ',"destination":,"_destination"'),
  (text) => text.slice(0, text.length - 12),
];

let ref = 1100;
for (let i = 0; i < 26; i += 1) {
  const shop = rand.chance(0.6) ? "shop-radhaus" : "shop-kaffeekontor";
  const text = JSON.stringify(shipmentJson(shop, ref++));
  const broken = shop === "shop-kaffeekontor" && rand.chance(0.45);
  const body = broken ? rand.pick(MANGLE)(text) : text;
  rec.add({ kind: broken ? "malformed-shipment-body" : "ok", status: broken ? undefined : 201, request: { method: "POST", path: "/v1/shipments", headers: { "user-agent": SHOPS[shop].agent, "content-type": "application/json", "x-api-key": SHOPS[shop].key }, body }, user: shop, ms: broken ? 3 : 12 });
}
for (let i = 0; i < 8; i += 1) {
  const text = JSON.stringify(shipmentJson("shop-kaffeekontor", ref++));
  rec.add({ kind: "malformed-shipment-body", request: { method: "POST", path: "/v1/shipments", headers: { "user-agent": SHOPS["shop-kaffeekontor"].agent, "content-type": "application/json", "x-api-key": SHOPS["shop-kaffeekontor"].key }, body: rand.pick(MANGLE)(text) }, user: "shop-kaffeekontor", ms: 3 });
}
// Order-status pages.
const TRACKED = { "shop-radhaus": ["KF4188202", "KF3901544"], "shop-kaffeekontor": ["KF4188190", "KF3901617"] };
for (let i = 0; i < 40; i += 1) {
  const shop = rand.pick(Object.keys(TRACKED));
  const id = rand.pick(TRACKED[shop]);
  const legacy = id.startsWith("KF39");
  const path = rand.chance(0.7) ? `/v1/shipments/${id}/eta` : `/v1/shipments/${id}`;
  const kind = legacy && path.endsWith("/eta") ? "legacy-shipment-eta" : "ok";
  rec.add({ kind, request: { method: "GET", path, headers: { "user-agent": `${SHOPS[shop].agent.split(" ")[0]} order-status`, accept: "application/json", "x-api-key": SHOPS[shop].key } }, user: shop, ms: 4 });
}
for (let i = 0; i < 10; i += 1) {
  const shop = rand.pick(Object.keys(SHOPS));
  rec.add({ kind: "ok", request: { method: "GET", path: "/v1/shipments", headers: { "user-agent": SHOPS[shop].agent, "x-api-key": SHOPS[shop].key } }, user: shop, ms: 6 });
}

let now = new Date(0);
let captured = null;
const app = buildApp({ store: new ShipmentStore(SEED), keys: KEYS, clock: () => now, captureException: (error) => { captured = error; } });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
rec.onCleanup(() => new Promise((resolve) => server.close(resolve)));
const url = `http://127.0.0.1:${server.address().port}`;

await rec.run(async (item) => {
  now = new Date(item.at);
  captured = null;
  const { status } = await rec.httpSend(url, item);
  return { status, error: captured };
});
await rec.write();
