// Records chat-rooms v1.12.0 on launch-day morning: the team talks in four rooms; the poll bot
// was added to #product-launch the evening before. The unfurl service is redeployed around
// 09:18, so link previews fail for a minute and a half. Every event is a real HTTP request to
// the app; errors are what its error middleware reported.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording, listen, startStub } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { createApp } = require('../src/app.js');
const { createPreviewClient } = require('../src/previews.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/home/node/app/',
  release: 'chat-rooms@1.12.0',
  origin: 'https://chat.orbit.team',
  start: '2026-11-10T09:00:00Z',
  seed: 0xc4a7,
  tags: { service: 'chat-rooms', region: 'eu-west-2' },
});
const { rand } = rec;

rec.expect('bot-without-on-message', { type: 'TypeError', message: /^bot\.onMessage is not a function$/, status: 500 });
rec.expect('unfurl-redeploy', { type: 'TypeError', message: /^fetch failed$/, causeCode: 'ECONNREFUSED', status: 500 });

const minute = (m) => Date.parse('2026-11-10T09:00:00Z') + m * 60_000;
const UNFURL_DOWN = [minute(18.2), minute(19.7)];
const PEOPLE = ['nadia', 'tom', 'ana', 'lee', 'kai', 'femi', 'jo'];
const LINES = ['morning!', 'deploy is green', 'can someone review #4412?', 'lunch at 12?', 'the banner copy is final', 'PagerDuty is quiet', 'retro moved to 15:00', 'who has the demo account?'];
const LINKS = ['https://orbit.example/changelog', 'https://github.com/orbit/app/pull/4412', 'https://docs.google.com/document/d/1x2y3z', 'https://status.orbit.team'];
const CLIENT = () => ({ 'user-agent': rand.pick(['Orbit/3.8.0 (macOS 15.1)', 'Orbit/3.8.0 (Windows 11)', 'OrbitMobile/2.4.1 (iOS 18.1)']), accept: 'application/json' });

function text() {
  const line = rand.pick(LINES);
  return rand.chance(0.25) ? `${line} ${rand.pick(LINKS)}` : line;
}

function inOutage(at) {
  return at >= UNFURL_DOWN[0] && at <= UNFURL_DOWN[1];
}

for (let i = 0; i < 70; i += 1) {
  const roomId = rand.pick(['r-general', 'r-eng', 'r-eng', 'r-random', 'r-launch', 'r-launch']);
  let at = rec.at(0, 29);
  let body = text();
  while (inOutage(at) && body.includes('http')) at = rec.at(0, 29);
  if (roomId === 'r-launch' && rand.chance(0.35)) body = rand.pick(['/poll Launch time? | 10:00 | 14:00', '/poll Name for the new tier? | Plus | Pro']);
  if (roomId === 'r-eng' && rand.chance(0.3)) body = `${rand.pick(['Yesterday: billing fix', 'Today: release checklist', 'Blocked on QA'])} #standup`;
  const kind = roomId === 'r-launch' && !body.startsWith('/') ? 'bot-without-on-message' : 'ok';
  rec.add({ kind, status: kind === 'ok' ? (body.startsWith('/') ? 200 : 201) : undefined, at, request: { method: 'POST', path: `/rooms/${roomId}/messages`, headers: CLIENT(), json: { author: rand.pick(PEOPLE), text: body } }, ms: 12 });
}
for (let i = 0; i < 5; i += 1) {
  const at = UNFURL_DOWN[0] + Math.floor(rand.next() * (UNFURL_DOWN[1] - UNFURL_DOWN[0]));
  rec.add({ kind: 'unfurl-redeploy', at, request: { method: 'POST', path: `/rooms/${rand.pick(['r-general', 'r-eng'])}/messages`, headers: CLIENT(), json: { author: rand.pick(PEOPLE), text: `${rand.pick(LINES)} ${rand.pick(LINKS)}` } }, ms: 3 });
}
for (let i = 0; i < 40; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/rooms/${rand.pick(['r-general', 'r-eng', 'r-random', 'r-launch'])}/messages?limit=50`, headers: CLIENT() }, ms: 4 });
}

const unfurl = await startStub((req, res) => {
  const target = new URL(req.url, 'http://unfurl').searchParams.get('url');
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ url: target, title: new URL(target).hostname }));
});
rec.onCleanup(() => unfurl.stop());

let now = new Date(0);
let reported = null;
const app = createApp({ previews: createPreviewClient(unfurl.url), clock: () => now, reportError: (err) => { reported = err; } });
const server = await listen(app.listen(0, '127.0.0.1'));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  await unfurl.setUp(!inOutage(item.at));
  const { status } = await rec.httpSend(server.url, item);
  return { status, error: reported };
});
await rec.write();
