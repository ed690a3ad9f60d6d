// Records gradebook 2026.11.2 on the evening before parents' evening: parents download
// transcripts from the portal, teachers open report cards. Two students have an excused
// assessment this term; teachers' bookmarks still point at last year's classes.
// Every event is a real HTTP request to the app; errors are what its error middleware emitted.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording, listen } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { createApp } = require('../src/app.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/srv/gradebook/',
  release: '2026.11.2',
  origin: 'https://portal.hollinpark.sch.uk',
  start: '2026-11-25T17:30:00Z',
  seed: 0x96ade,
  requestData: 'errors',
  tags: { service: 'gradebook', school: 'hollin-park' },
});
const { rand } = rec;

rec.expect('archived-class', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'roster'\)$/, status: 500 });
rec.expect('excused-grade', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'toFixed'\)$/, status: 500 });

const BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0',
];
const headers = () => ({ 'user-agent': rand.pick(BROWSERS), accept: 'application/json', 'accept-language': 'en-GB,en;q=0.9' });
const PARENTS = { 'S-2291': 'p_clarke', 'S-2304': 'p_demir', 'S-2317': 'p_osei', 'S-1988': 'p_fischer' };
const EXCUSED = new Set(['S-2304', 'S-1988']);
const CURRENT = ['9b-maths', '9-science-set1', '9b-english', '11a-history'];
const ARCHIVED = ['8b-maths', '8-science-set1', '10a-history', '8b-english'];
const TEACHERS = ['t_patel', 't_nwosu', 't_lowry', 't_byrne'];

for (let i = 0; i < 46; i += 1) {
  const studentId = rand.pick(Object.keys(PARENTS));
  const path = rand.chance(0.65) ? `/students/${studentId}/transcript` : `/students/${studentId}`;
  const kind = path.endsWith('/transcript') && EXCUSED.has(studentId) ? 'excused-grade' : 'ok';
  rec.add({ kind, request: { method: 'GET', path, headers: headers() }, user: PARENTS[studentId], ms: 9 });
}
for (let i = 0; i < 32; i += 1) {
  const archived = rand.chance(0.35);
  const classId = archived ? rand.pick(ARCHIVED) : rand.pick(CURRENT);
  const path = archived || rand.chance(0.7) ? `/classes/${classId}/report-cards` : `/classes/${classId}`;
  rec.add({ kind: archived ? 'archived-class' : 'ok', request: { method: 'GET', path, headers: headers() }, user: rand.pick(TEACHERS), ms: 7 });
}

let reported = null;
const server = await listen(createApp({ onError: (err) => { reported = err; } }).listen(0, '127.0.0.1'));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  reported = null;
  const { status } = await rec.httpSend(server.url, item);
  return { status, error: reported };
});
await rec.write();
