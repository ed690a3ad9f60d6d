// Records shortlinks v2.0.5 on the morning the Black Week flyer lands in letterboxes: people type
// the short links into their phones (the flyer prints go.fjordbank.no/blackweek, without the
// hyphen), the campaign dashboard polls click statistics every two minutes, and marketing adds
// the Christmas calendar link at 10:12. Every event is a real HTTP request to the server;
// errors are what its onError hook reported.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording, listen } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { createServer } = require('../lib/server.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/srv/shortlinks/',
  release: 'v2.0.5',
  origin: 'https://go.fjordbank.no',
  start: '2026-11-19T10:00:00Z',
  seed: 0x90f104d,
  tags: { service: 'shortlinks', host: 'edge-osl-2' },
});
const { rand } = rec;

rec.expect('unknown-slug', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'expiresAt'\)$/, status: 500 });
rec.expect('no-clicks-yet', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading '2026-11-19'\)$/, status: 500 });

const minute = (m) => Date.parse('2026-11-19T10:00:00Z') + m * 60_000;
const PHONES = ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', 'Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36'];
const visitor = (referer) => ({ 'user-agent': rand.pick(PHONES), accept: 'text/html,application/xhtml+xml', ...(referer ? { referer } : {}) });
const TYPOS = ['blackweek', 'blackweek', 'blackweek', 'black-friday', 'boliglån', 'blackweek2026', 'black_week'];

for (let i = 0; i < 55; i += 1) {
  const slug = rand.pick(['boliglan', 'black-week', 'black-week', 'app', 'black-week', 'boliglan']);
  rec.add({ kind: 'ok', status: 302, request: { method: 'GET', path: `/${slug}`, headers: visitor(rand.pick([null, 'https://www.facebook.com/', 'https://l.instagram.com/'])) }, ms: 3 });
}
for (let i = 0; i < 4; i += 1) rec.add({ kind: 'ok', status: 410, request: { method: 'GET', path: '/sommer-2026', headers: visitor(null) }, ms: 2 });
for (let i = 0; i < 17; i += 1) {
  rec.add({ kind: 'unknown-slug', request: { method: 'GET', path: `/${encodeURIComponent(rand.pick(TYPOS))}`, headers: visitor(null) }, ms: 2 });
}

// The dashboard: one stats call per campaign link every two minutes. bsu-2026 has had no click
// since this instance started; julekalender none before 10:21.
const DASHBOARD = { 'user-agent': 'FjordCampaigns/1.9 (dashboard)', accept: 'application/json' };
const JULEKALENDER_FIRST_CLICK = minute(21.4);
for (let m = 1; m < 29; m += 2) {
  for (const slug of ['boliglan', 'black-week', 'bsu-2026', 'julekalender']) {
    const at = rec.at(m, m + 0.1);
    if (slug === 'julekalender' && at < minute(12.5)) continue;
    const fails = slug === 'bsu-2026' || (slug === 'julekalender' && at < JULEKALENDER_FIRST_CLICK);
    if (slug === 'boliglan' && at < minute(1.5)) continue;
    rec.add({ kind: fails ? 'no-clicks-yet' : 'ok', at, request: { method: 'GET', path: `/api/links/${slug}/stats?day=2026-11-19`, headers: DASHBOARD }, ms: 2 });
  }
}
rec.add({ kind: 'ok', status: 201, at: minute(12.2), request: { method: 'POST', path: '/api/links', headers: { 'user-agent': 'FjordCampaigns/1.9 (dashboard)', 'content-type': 'application/json' }, json: { slug: 'julekalender', target: 'https://www.fjordbank.no/jul?utm_source=go', campaign: 'xmas', expiresAt: '2026-12-24T23:59:59Z' } }, ms: 5 });
for (let i = 0; i < 6; i += 1) {
  rec.add({ kind: 'ok', status: 302, at: JULEKALENDER_FIRST_CLICK + i * rand.int(30_000, 70_000), request: { method: 'GET', path: '/julekalender', headers: visitor('https://www.fjordbank.no/') }, ms: 3 });
}
// Clicks on boliglan and black-week start before the dashboard's first poll.
rec.add({ kind: 'ok', status: 302, at: minute(0.2), request: { method: 'GET', path: '/boliglan', headers: visitor(null) }, ms: 3 });
rec.add({ kind: 'ok', status: 302, at: minute(0.3), request: { method: 'GET', path: '/black-week', headers: visitor(null) }, ms: 3 });

let now = new Date(0);
let reported = null;
const { server } = createServer({ clock: () => now, onError: (error) => { reported = error; } });
const running = await listen(server.listen(0, '127.0.0.1'));
rec.onCleanup(() => running.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  const response = await fetch(`${running.url}${item.request.path}`, {
    method: item.request.method,
    headers: item.request.headers,
    redirect: 'manual',
    body: item.request.json ? JSON.stringify(item.request.json) : undefined,
  });
  await response.arrayBuffer();
  return { status: response.status, error: reported };
});
await rec.write();
