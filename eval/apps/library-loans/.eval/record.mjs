// Records library-loans v0.19.3 on a Saturday morning at the Eastfield branches: the desks check
// books out and in, members search from the catalogue kiosks. Staff got member accounts in
// October with a tier the fee schedule does not list; the new kiosk "browse" screen searches
// without a query. Loans already out are seeded as the database held them at 09:30.
// Every event is a real HTTP request to the app; errors are what its error handler reported.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { buildApp } = require('../app.js');
const { createCatalogue } = require('../lib/catalogue.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/srv/library-loans/',
  release: 'v0.19.3',
  origin: 'https://loans.eastfield-libraries.org.uk',
  start: '2026-11-14T09:30:00Z',
  seed: 0x11b7a7,
  tags: { service: 'library-loans' },
});
const { rand } = rec;

rec.expect('staff-fee-tier', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'perDay'\)$/, status: 500 });
rec.expect('search-without-query', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'trim'\)$/, status: 500 });

const catalogue = createCatalogue();
const DAY = 86_400_000;
const start = Date.parse('2026-11-14T09:30:00Z');
// Loans out this morning: [loan id, member, item, days overdue today (negative: not yet due)].
const OUTSTANDING = [
  ['L501', 'M0142', 'B-10021', -4],
  ['L502', 'M0377', 'D-20110', 3],
  ['L503', 'M0519', 'B-10340', 0],
  ['L504', 'M0911', 'B-10577', 6],
  ['L505', 'M0914', 'M-30007', 2],
  ['L506', 'M0802', 'B-10022', 5],
  ['L507', 'M0911', 'B-10578', -2],
];
for (const [id, memberId, itemId, overdue] of OUTSTANDING) {
  const dueAt = new Date(start - overdue * DAY - 3_600_000).toISOString();
  catalogue.loans.set(id, { id, memberId, itemId, borrowedAt: new Date(Date.parse(dueAt) - 21 * DAY).toISOString(), dueAt, returnedAt: null });
}

const DESK = { 'user-agent': 'EastfieldDesk/3.2 (Windows)', accept: 'application/json' };
const KIOSK = { 'user-agent': 'CatalogueKiosk/2.0.4 (Android 13; kiosk mode)', accept: 'application/json' };
const QUERIES = ['wolf', 'earthsea', 'the', 'small island', 'paddington', 'darkness', 'new scientist', 'bodies'];

for (let i = 0; i < 30; i += 1) {
  const q = rand.pick(QUERIES);
  const extra = rand.chance(0.25) ? `&format=${rand.pick(['book', 'dvd'])}` : rand.chance(0.2) ? '&author=hilary%20mantel' : '';
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/books?q=${encodeURIComponent(q)}${extra}`, headers: rand.chance(0.6) ? KIOSK : DESK }, ms: 5 });
}
for (let i = 0; i < 14; i += 1) {
  const path = rand.pick(['/books?format=dvd', '/books?format=book', '/books', '/books?format=magazine', '/books?author=ursula%20k.%20le%20guin']);
  rec.add({ kind: 'search-without-query', request: { method: 'GET', path, headers: KIOSK }, ms: 3 });
}
for (let i = 0; i < 10; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/books/${rand.pick(['B-10021', 'B-10340', 'B-10577', 'D-20110'])}`, headers: KIOSK }, ms: 4 });
}
for (let i = 0; i < 8; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/members/${rand.pick(['M0142', 'M0377', 'M0519', 'M0911', 'M0914'])}/loans`, headers: DESK }, ms: 6 });
}
// Returns at the desk. Staff returns that are late fail, and the desk tries again.
rec.add({ kind: 'ok', at: rec.at(1, 5), request: { method: 'POST', path: '/loans/L501/return', headers: DESK }, ms: 9 });
rec.add({ kind: 'ok', at: rec.at(3, 8), request: { method: 'POST', path: '/loans/L502/return', headers: DESK }, ms: 9 });
rec.add({ kind: 'ok', at: rec.at(6, 10), request: { method: 'POST', path: '/loans/L503/return', headers: DESK }, ms: 9 });
rec.add({ kind: 'ok', at: rec.at(10, 14), request: { method: 'POST', path: '/loans/L506/return', headers: DESK }, ms: 9 });
rec.add({ kind: 'ok', at: rec.at(14, 18), request: { method: 'POST', path: '/loans/L507/return', headers: DESK }, ms: 9 });
for (const [loan, from, to, tries] of [['L504', 4, 9, 4], ['L505', 16, 27, 3]]) {
  let at = rec.at(from, to);
  for (let i = 0; i < tries; i += 1) {
    rec.add({ kind: 'staff-fee-tier', at, request: { method: 'POST', path: `/loans/${loan}/return`, headers: DESK }, ms: 4 });
    at += rand.int(15_000, 90_000);
  }
}
// New loans of items on the shelf.
const shelf = ['B-10021', 'B-10340', 'D-20110', 'B-10022'];
shelf.forEach((itemId, index) => {
  const memberId = rand.pick(['M0142', 'M0377', 'M0519', 'M0802']);
  rec.add({ kind: 'ok', status: 201, at: rec.at(20 + index * 2, 21 + index * 2), request: { method: 'POST', path: '/loans', headers: DESK, json: { memberId, itemId } }, ms: 11 });
});

let now = new Date(start);
let reported = null;
const app = buildApp({ catalogue, clock: () => now, onError: (error) => { reported = error; } });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
rec.onCleanup(() => app.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  const { status } = await rec.httpSend(url, item);
  return { status, error: reported };
});
await rec.write();
