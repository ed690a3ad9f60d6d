// Records bike-rental v3.2.0 through the Saturday morning rush: riders start trips at docks and
// end them at others. App 3.0 (rolled out to half the riders this week) reports the dock flat
// in the body, { stationId, batteryPct }, where app 2.x nested it under `dock`. Every event is a
// real HTTP request to the server; errors are what its onError hook reported.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording, listen } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { createServer } = require('../src/server.js');
const { createFleet } = require('../src/fleet.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/home/node/app/',
  release: 'v3.2.0',
  origin: 'https://api.pedalo.bike',
  start: '2026-11-21T07:30:00Z',
  seed: 0xb1cec1e,
  tags: { service: 'bike-rental', city: 'amsterdam' },
});
const { rand } = rec;

rec.expect('flat-dock-body', { type: 'TypeError', message: /^Cannot destructure property 'stationId' of 'body\.dock' as it is undefined\.$/, status: 500 });

const fleet = createFleet();
const STATIONS = [...fleet.stations.keys()];
const APP = (version) => ({ 'user-agent': `Pedalo/${version} (${rand.pick(['iOS 18.1', 'Android 14'])})`, 'content-type': 'application/json' });

// Each rider takes a bike that is docked at that moment and rides 8-25 minutes. The plan
// follows the bikes (where each is, from when) so every start finds its bike.
const available = STATIONS.flatMap((station) => [...fleet.stations.get(station).docked].map((bikeId) => ({ bikeId, station, from: 0 })));
let clock = Date.parse('2026-11-21T07:31:00Z');
let trip = 50000;
for (let rider = 1; rider <= 34 && clock < Date.parse('2026-11-21T07:55:00Z'); rider += 1) {
  const ready = available.filter((entry) => entry.from <= clock);
  if (ready.length === 0) break;
  const taken = rand.pick(ready);
  available.splice(available.indexOf(taken), 1);
  const { bikeId, station: from } = taken;
  const to = rand.pick(STATIONS.filter((id) => id !== from));
  const version = rand.chance(0.45) ? '3.0.1' : '2.14.0';
  const riderId = `r-${1000 + rider}`;
  const startAt = clock;
  const endAt = startAt + rand.int(8, 25) * 60_000 + rand.int(0, 59_000);
  trip += 1;
  rec.add({ kind: 'ok', status: 201, at: startAt, riderId, request: { method: 'POST', path: '/trips', headers: APP(version), json: { bikeId, stationId: from } }, ms: 30 });
  const dock = { stationId: to, ...(bikeId.startsWith('B') ? {} : { batteryPct: rand.int(20, 79) }) };
  if (endAt < Date.parse('2026-11-21T07:59:00Z')) {
    const flat = version === '3.0.1';
    rec.add({ kind: flat ? 'flat-dock-body' : 'ok', at: endAt, riderId, request: { method: 'POST', path: `/trips/T${trip}/end`, headers: APP(version), json: flat ? dock : { dock } }, ms: flat ? 4 : 22 });
    // A 3.0 rider whose trip would not end tries again a little later.
    if (flat && rand.chance(0.4)) rec.add({ kind: 'flat-dock-body', at: endAt + rand.int(20_000, 60_000), riderId, request: { method: 'POST', path: `/trips/T${trip}/end`, headers: APP(version), json: dock }, ms: 4 });
    if (!flat) available.push({ bikeId, station: to, from: endAt + 1_000 });
  }
  clock += rand.int(20_000, 70_000);
}
for (let i = 0; i < 30; i += 1) {
  rec.add({ kind: 'ok', riderId: `r-${2000 + i}`, request: { method: 'GET', path: '/stations', headers: APP(rand.pick(['3.0.1', '2.14.0'])) }, ms: 5 });
}

let now = new Date(0);
let reported = null;
const running = await listen(createServer({ fleet, clock: () => now, onError: (error) => { reported = error; } }).listen(0, '127.0.0.1'));
rec.onCleanup(() => running.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  const { status } = await rec.httpSend(running.url, { ...item, request: { ...item.request, headers: { ...item.request.headers, 'x-rider-id': item.riderId } } });
  return { status, error: reported };
});
await rec.write();
