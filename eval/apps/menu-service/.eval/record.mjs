// Records menu-service v4.0.7 on a Friday evening: POS terminals in both restaurants send orders,
// guests order from the new QR web app (which leaves `options` out for dishes with a single size)
// and its landing page loads opening hours (Mitte opened in November without holiday hours).
// The Kreuzberg kitchen bridge reboots for a firmware update around 18:47. Every event is a real
// request to the app; errors are what its error handler reported.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording, startStub } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { buildApp } = require('../src/build-app.js');
const { createKitchenBridge } = require('../src/kitchen/bridge.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/home/node/app/',
  release: 'menu-service-4.0.7',
  origin: 'https://orders.fennelandfig.de',
  start: '2026-11-20T18:20:00Z',
  seed: 0x3e2f00d,
  tags: { service: 'menu-service', runtime: 'node20' },
});
const { rand } = rec;

rec.expect('line-without-options', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'size'\)$/, status: 500 });
rec.expect('hours-without-exceptions', { type: 'TypeError', message: /^Cannot convert undefined or null to object$/, status: 500 });
rec.expect('kitchen-bridge-down', { type: 'TypeError', message: /^fetch failed$/, causeCode: 'ECONNREFUSED', status: 500 });

const minute = (m) => Date.parse('2026-11-20T18:20:00Z') + m * 60_000;
const BRIDGE_DOWN = [minute(27.2), minute(29.6)];
const POS = (restaurant) => ({ 'user-agent': `FennelPOS/7.3.2 (${restaurant}; iPadOS 18.1)`, accept: 'application/json' });
const QR = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', accept: 'application/json', 'x-client': 'fennel-qr/1.0.3' };
const SIZED = { D01: ['regular', 'large'], D03: ['regular', 'large'], D04: ['small', 'regular'] };
const SINGLE = ['D02', 'D05'];
const EXTRAS = ['feta', 'extra-bread', 'fried-egg', 'halloumi'];

function posLine() {
  const dishId = rand.pick([...Object.keys(SIZED), ...SINGLE]);
  const size = SIZED[dishId] ? rand.pick(SIZED[dishId]) : 'regular';
  return { dishId, qty: rand.int(1, 3), options: { size, extras: rand.chance(0.3) ? [rand.pick(EXTRAS)] : [] } };
}

function qrLines(withSingle) {
  const lines = [];
  const count = rand.int(1, 3);
  for (let i = 0; i < count; i += 1) {
    const dishId = rand.pick(Object.keys(SIZED));
    lines.push({ dishId, qty: 1, options: { size: rand.pick(SIZED[dishId]), extras: [] } });
  }
  if (withSingle) lines.push({ dishId: rand.pick(SINGLE), qty: rand.int(1, 2) });
  return lines;
}

function inOutage(at, restaurant) {
  return restaurant === 'fennel-kreuzberg' && at >= BRIDGE_DOWN[0] && at <= BRIDGE_DOWN[1];
}

// POS orders, some during the bridge reboot.
for (let i = 0; i < 34; i += 1) {
  const restaurant = rand.pick(['fennel-kreuzberg', 'fennel-mitte']);
  let at = rec.at(0, 29);
  while (inOutage(at, restaurant)) at = rec.at(0, 29);
  const json = { table: String(rand.int(1, 24)), lines: Array.from({ length: rand.int(1, 4) }, posLine) };
  rec.add({ kind: 'ok', status: 201, at, restaurant, request: { method: 'POST', path: `/restaurants/${restaurant}/orders`, headers: POS(restaurant), json }, ms: 35 });
}
for (let i = 0; i < 6; i += 1) {
  const at = BRIDGE_DOWN[0] + Math.floor(rand.next() * (BRIDGE_DOWN[1] - BRIDGE_DOWN[0]));
  const json = { table: String(rand.int(1, 24)), lines: Array.from({ length: rand.int(1, 3) }, posLine) };
  rec.add({ kind: 'kitchen-bridge-down', at, restaurant: 'fennel-kreuzberg', request: { method: 'POST', path: '/restaurants/fennel-kreuzberg/orders', headers: POS('fennel-kreuzberg'), json }, ms: 4 });
}

// QR guests: the landing page loads hours and the menu, then they order.
for (let i = 0; i < 26; i += 1) {
  const restaurant = rand.chance(0.5) ? 'fennel-kreuzberg' : 'fennel-mitte';
  let at = rec.at(0, 28);
  while (inOutage(at + 90_000, restaurant)) at = rec.at(0, 28);
  const hoursKind = restaurant === 'fennel-mitte' ? 'hours-without-exceptions' : 'ok';
  if (rand.chance(0.7)) rec.add({ kind: hoursKind, at, restaurant, request: { method: 'GET', path: `/restaurants/${restaurant}/hours?from=2026-11-20`, headers: QR }, ms: 4 });
  rec.add({ kind: 'ok', at: at + rand.int(1_000, 4_000), restaurant, request: { method: 'GET', path: `/restaurants/${restaurant}/menu`, headers: QR }, ms: 6 });
  const withSingle = rand.chance(0.55);
  const json = { table: `QR-${rand.int(1, 30)}`, lines: qrLines(withSingle) };
  rec.add({ kind: withSingle ? 'line-without-options' : 'ok', status: withSingle ? undefined : 201, at: at + rand.int(40_000, 90_000), restaurant, request: { method: 'POST', path: `/restaurants/${restaurant}/orders`, headers: QR, json }, ms: withSingle ? 3 : 30 });
}

const bridge = await startStub((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ printed: true }));
  });
});
rec.onCleanup(() => bridge.stop());

let now = new Date(0);
let reported = null;
const app = buildApp({
  kitchen: createKitchenBridge(bridge.url),
  clock: () => now,
  report: (error) => {
    reported = error;
  },
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
rec.onCleanup(() => app.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  await bridge.setUp(!inOutage(item.at, item.restaurant));
  const { status } = await rec.httpSend(url, item);
  return { status, error: reported };
});
await rec.write();
