// Records newsletter-next v1.4.0 on Thursday morning: readers click unsubscribe links from last
// week's issue (some mail clients cut or rewrite the token), new readers subscribe, and the send
// worker tries to send this week's campaigns, retrying every two minutes. Subscribers imported
// from Mailchimp in 2024 have no preferences. Route handlers are called as Next.js calls them;
// one that throws is answered 500 and reported.
//
//   node .eval/record.mjs

import { fileURLToPath } from 'node:url';
import { createRecording } from '../../../tools/recorder.mjs';
import { POST as send } from '../app/api/campaigns/[id]/send/route.js';
import { POST as subscribe } from '../app/api/subscribe/route.js';
import { GET as subscriberInfo } from '../app/api/subscribers/[id]/route.js';
import { GET as unsubscribe } from '../app/api/unsubscribe/route.js';
import { unsubscribeToken } from '../lib/tokens.js';

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/workspace/',
  release: 'newsletter@1.4.0',
  origin: 'https://theallotment.news',
  start: '2026-11-19T06:55:00Z',
  seed: 0x1e77e4,
  tags: { app: 'newsletter-next', runtime: 'node20' },
});
const { rand } = rec;

rec.expect('mangled-unsubscribe-token', { type: 'SyntaxError', message: /JSON/, status: 500 });
rec.expect('imported-subscriber-preferences', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'topics'\)$/, status: 500 });

const MAIL_CLIENTS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0',
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
];
const READERS = ['sub_1001', 'sub_1002', 'sub_1004', 'sub_0417', 'sub_0452'];
// What mail clients and link scanners do to a token on the way.
const MANGLE = [
  (token) => token.slice(0, 18),
  (token) => token.slice(0, 30),
  (token) => token.toLowerCase(),
  (token) => `${token.slice(0, 8)}${token.slice(12)}`,
];

// The imported subscribers never used their links this week (their clicks would unsubscribe them
// before the sends).
for (let i = 0; i < 24; i += 1) {
  const token = unsubscribeToken(rand.pick(READERS.slice(0, 3)));
  rec.add({ kind: 'ok', route: 'unsubscribe', request: { method: 'GET', path: `/api/unsubscribe?token=${token}`, headers: { 'user-agent': rand.pick(MAIL_CLIENTS) } }, ms: 7 });
}
for (let i = 0; i < 16; i += 1) {
  const token = rand.pick(MANGLE)(unsubscribeToken(rand.pick(READERS)));
  rec.add({ kind: 'mangled-unsubscribe-token', route: 'unsubscribe', request: { method: 'GET', path: `/api/unsubscribe?token=${token}`, headers: { 'user-agent': rand.pick(MAIL_CLIENTS) } }, ms: 3 });
}
for (let i = 0; i < 12; i += 1) {
  const json = { email: `${rand.pick(['grower', 'plot', 'veg', 'compost'])}.${rand.hex(4)}@example.org`, ...(rand.chance(0.5) ? { topics: [rand.pick(['growing', 'recipes', 'events'])] } : {}) };
  rec.add({ kind: 'ok', route: 'subscribe', request: { method: 'POST', path: '/api/subscribe', headers: { 'user-agent': rand.pick(MAIL_CLIENTS), origin: 'https://theallotment.news' }, json } });
}
for (let i = 0; i < 10; i += 1) {
  const id = rand.pick(READERS);
  rec.add({ kind: 'ok', route: 'subscriber', id, request: { method: 'GET', path: `/api/subscribers/${id}`, headers: { 'user-agent': 'allotment-admin/0.8' } }, ms: 4 });
}
const WORKER = { 'user-agent': 'allotment-send-worker/1.1', 'x-worker-run': 'scheduled' };
for (const [campaign, firstMinute] of [['c-2611', 5], ['c-2612', 20]]) {
  for (let m = firstMinute; m < 29; m += 2) {
    rec.add({ kind: 'imported-subscriber-preferences', at: rec.at(m, m + 0.05), route: 'send', id: campaign, request: { method: 'POST', path: `/api/campaigns/${campaign}/send`, headers: WORKER }, ms: 5 });
  }
}

async function call(item) {
  const init = { method: item.request.method, headers: item.request.headers };
  if (item.request.json) init.body = JSON.stringify(item.request.json);
  const request = new Request(`https://theallotment.news${item.request.path}`, init);
  const context = { params: Promise.resolve({ id: item.id }) };
  if (item.route === 'unsubscribe') return unsubscribe(request);
  if (item.route === 'subscribe') return subscribe(request);
  if (item.route === 'subscriber') return subscriberInfo(request, context);
  return send(request, context);
}

await rec.run(async (item) => {
  try {
    return { status: (await call(item)).status };
  } catch (error) {
    return { status: 500, error };
  }
});
await rec.write();
