// Records fleet-telemetry v2.14.0 on a Monday morning: trucks upload readings every 30 s, the
// dispatch dashboard polls the truck list, dispatchers look up positions. Two trucks got the
// fleetbox 3.1 firmware over the weekend (it posts one reading as an object, not a list); at
// 06:06 the Munich depot registers a new truck that first reports at 06:19; the geocoder is
// redeployed around 06:21. Everything is a real request to the app; errors are what its error
// middleware reported.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording, listen, startStub } from "../../../tools/recorder.mjs";
import { buildApp } from "../src/app.ts";
import { createFleet, DEMO_TRUCKS } from "../src/fleet.ts";
import { createGeocoder } from "../src/geocode.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "v2.14.0",
  origin: "https://telemetry.nordfracht.de",
  start: "2026-11-09T06:00:00Z",
  seed: 0xf1ee7,
  eventIds: "hex",
  tags: { service: "fleet-telemetry", k8s_namespace: "logistics" },
});
const { rand } = rec;

rec.expect("single-reading-object", { type: "TypeError", message: /^readings\.map is not a function$/, status: 500 });
rec.expect("never-seen-truck", { type: "RangeError", message: /^Invalid time value$/, status: 500 });
rec.expect("geocoder-down", { type: "TypeError", message: /^fetch failed$/, causeCode: "ECONNREFUSED", status: 500 });

const minute = (m) => Date.parse("2026-11-09T06:00:00Z") + m * 60_000;
const NEW_TRUCK = { id: "TRK-0610", plate: "M-FT 610", depot: "munich", model: "eActros 600" };
const REGISTERED_AT = minute(6.2);
const FIRST_REPORT_AT = minute(19.1);
const GEOCODER_DOWN = [minute(21.3), minute(23.4)];
const POSITIONS = { "TRK-0412": [53.54, 9.98], "TRK-0415": [53.55, 10.01], "TRK-0520": [52.52, 13.4], "TRK-0533": [52.48, 13.35], "TRK-0610": [48.14, 11.58] };
const FIRMWARE = { "TRK-0412": "fleetbox/2.8.4", "TRK-0415": "fleetbox/3.1.0", "TRK-0520": "fleetbox/2.8.4", "TRK-0533": "fleetbox/3.1.0", "TRK-0610": "fleetbox/2.8.4" };
const DASHBOARD = { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", accept: "application/json", referer: "https://dispatch.nordfracht.de/" };

function reading(truckId, at) {
  const [lat, lon] = POSITIONS[truckId];
  return {
    ts: new Date(at - rand.int(1_000, 20_000)).toISOString(),
    lat: Number((lat + (rand.next() - 0.5) / 50).toFixed(5)),
    lon: Number((lon + (rand.next() - 0.5) / 50).toFixed(5)),
    speed: rand.int(0, 70),
    fuel: rand.int(20, 95),
  };
}

// Truck uploads. Old firmware: a list of buffered readings. 3.1: one reading, as an object,
// whenever the buffer holds just one (about every other upload).
for (const truckId of ["TRK-0412", "TRK-0415", "TRK-0520", "TRK-0533"]) {
  for (let m = rand.next() * 2; m < 29; m += rand.int(1, 2) + rand.next()) {
    const at = minute(m);
    const headers = { "user-agent": FIRMWARE[truckId], "x-vehicle-id": truckId };
    const single = FIRMWARE[truckId] === "fleetbox/3.1.0" && rand.chance(0.5);
    const json = single ? { readings: reading(truckId, at) } : { readings: [reading(truckId, at), reading(truckId, at)] };
    rec.add({ kind: single ? "single-reading-object" : "ok", status: single ? undefined : 202, at, request: { method: "POST", path: `/trucks/${truckId}/readings`, headers, json }, ms: 9 });
  }
}
rec.add({ kind: "ok", status: 201, at: REGISTERED_AT, request: { method: "POST", path: "/trucks", headers: DASHBOARD, json: NEW_TRUCK }, ms: 14 });
for (let m = 19.1; m < 29; m += 1.5) {
  rec.add({ kind: "ok", status: 202, at: minute(m), request: { method: "POST", path: `/trucks/${NEW_TRUCK.id}/readings`, headers: { "user-agent": FIRMWARE[NEW_TRUCK.id], "x-vehicle-id": NEW_TRUCK.id }, json: { readings: [reading(NEW_TRUCK.id, minute(m))] } }, ms: 9 });
}

// The dashboard polls the full list (and dispatchers filter by depot) every ~40 s.
for (let m = rand.next(); m < 29; m += 0.4 + rand.next() * 0.5) {
  const at = minute(m);
  const depot = rand.chance(0.3) ? rand.pick(["hamburg", "berlin"]) : null;
  const broken = depot === null && at > REGISTERED_AT && at < FIRST_REPORT_AT;
  rec.add({ kind: broken ? "never-seen-truck" : "ok", at, request: { method: "GET", path: depot ? `/trucks?depot=${depot}` : "/trucks", headers: DASHBOARD }, ms: 11 });
}
for (let i = 0; i < 12; i += 1) {
  const truckId = rand.pick(["TRK-0412", "TRK-0415", "TRK-0520", "TRK-0533"]);
  rec.add({ kind: "ok", at: rec.at(2, 29), request: { method: "GET", path: rand.chance(0.5) ? `/trucks/${truckId}` : `/trucks/${truckId}/readings?limit=20`, headers: DASHBOARD }, ms: 7 });
}

// Position lookups, some while the geocoder restarts.
for (let i = 0; i < 20; i += 1) {
  const down = i < 6;
  const at = down ? GEOCODER_DOWN[0] + Math.floor(rand.next() * (GEOCODER_DOWN[1] - GEOCODER_DOWN[0])) : rec.at(3, 29);
  if (!down && at >= GEOCODER_DOWN[0] - 5_000 && at <= GEOCODER_DOWN[1] + 5_000) continue;
  const truckId = rand.pick(["TRK-0412", "TRK-0520", "TRK-0533"]);
  rec.add({ kind: down ? "geocoder-down" : "ok", at, request: { method: "GET", path: `/trucks/${truckId}/location`, headers: DASHBOARD }, ms: down ? 3 : 85 });
}

const geocoder = await startStub((req, res) => {
  const url = new URL(req.url, "http://geocoder");
  const lat = Number(url.searchParams.get("lat"));
  const city = lat > 53 ? "Hamburg" : lat > 50 ? "Berlin" : "München";
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ display_name: `${city}, Deutschland`, address: { city } }));
});
rec.onCleanup(() => geocoder.stop());

let now = 0;
let reported = null;
const app = buildApp({
  fleet: createFleet(DEMO_TRUCKS),
  geocoder: createGeocoder(geocoder.url),
  report: (error) => {
    reported = error;
  },
  clock: () => now,
});
const server = await listen(app.listen(0, "127.0.0.1"));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  now = item.at;
  reported = null;
  await geocoder.setUp(!(item.at >= GEOCODER_DOWN[0] && item.at <= GEOCODER_DOWN[1]));
  const { status } = await rec.httpSend(server.url, item);
  return { status, error: reported };
});
await rec.write();
