// Records payroll-api v5.2.0 on the afternoon the November run is prepared: the people team
// previews payslips (two employees have overtime and a bonus this month), and the accounting
// system's import job pulls October's closed run as CSV every two minutes. Every event is a real
// request to the app; errors are what its error middleware logged.
//
//   node .eval/record.mjs

import { fileURLToPath } from 'node:url';
import { createRecording, listen } from '../../../tools/recorder.mjs';
import { createApp } from '../lib/app.js';

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/srv/payroll/',
  release: 'payroll-api@5.2.0',
  origin: 'https://payroll.brightwell.internal',
  start: '2026-11-24T13:10:00Z',
  seed: 0x9a7011,
  tags: { service: 'payroll-api', host: 'hr-app-02' },
});
const { rand } = rec;

rec.expect('adjustment-const-gross', { type: 'TypeError', message: /^Assignment to constant variable\.$/, status: 500 });
rec.expect('export-helper-not-imported', { type: 'ReferenceError', message: /^toCsvRow is not defined$/, status: 500 });

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15', accept: 'application/json' };
const HR_USERS = ['u_hr_anke', 'u_hr_tobias', 'u_hr_selin'];
const PLAIN = ['E1001', 'E1002', 'E1013'];
const ADJUSTED = ['E1010', 'E1007'];

for (let i = 0; i < 16; i += 1) {
  const path = rand.pick(['/employees', '/employees?department=Engineering', '/employees?department=Support', '/employees?department=Sales']);
  rec.add({ kind: 'ok', request: { method: 'GET', path, headers: BROWSER }, user: rand.pick(HR_USERS), ms: 6 });
}
for (let i = 0; i < 14; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/employees/${rand.pick([...PLAIN, ...ADJUSTED])}`, headers: BROWSER }, user: rand.pick(HR_USERS), ms: 5 });
}
for (let i = 0; i < 22; i += 1) {
  const period = rand.chance(0.8) ? '2026-11' : '2026-10';
  const employee = rand.pick(PLAIN);
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/employees/${employee}/payslip?period=${period}`, headers: BROWSER }, user: rand.pick(HR_USERS), ms: 9 });
}
// October had no adjustments, so the same employees preview fine for last month.
for (let i = 0; i < 4; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: `/employees/${rand.pick(ADJUSTED)}/payslip?period=2026-10`, headers: BROWSER }, user: rand.pick(HR_USERS), ms: 9 });
}
for (let i = 0; i < 13; i += 1) {
  rec.add({ kind: 'adjustment-const-gross', request: { method: 'GET', path: `/employees/${rand.pick(ADJUSTED)}/payslip?period=2026-11`, headers: BROWSER }, user: rand.pick(HR_USERS), ms: 4 });
}
rec.add({ kind: 'ok', status: 400, request: { method: 'GET', path: '/employees/E1002/payslip?period=2026-1', headers: BROWSER }, user: 'u_hr_tobias', ms: 3 });
for (let i = 0; i < 5; i += 1) {
  rec.add({ kind: 'ok', request: { method: 'GET', path: '/payruns/2026-10', headers: BROWSER }, user: rand.pick(HR_USERS), ms: 4 });
}

// The import job: every 2 minutes, with a little jitter.
const IMPORTER = { 'user-agent': 'datev-connector/3.4 (+accounting)', accept: 'text/csv' };
for (let m = 1 + rand.next(); m < 29; m += 2 + (rand.next() - 0.5) / 5) {
  rec.add({ kind: 'export-helper-not-imported', at: rec.at(m, m + 0.01), request: { method: 'GET', path: '/payruns/2026-10/export.csv', headers: IMPORTER }, ms: 5 });
}

let logged = null;
const app = createApp({ logger: { error: ({ err }) => { logged = err; } } });
const server = await listen(app.listen(0, '127.0.0.1'));
rec.onCleanup(() => server.close());

await rec.run(async (item) => {
  logged = null;
  const headers = item.user ? { ...item.request.headers, 'x-user': item.user } : item.request.headers;
  const { status } = await rec.httpSend(server.url, { ...item, request: { ...item.request, headers } });
  return { status, error: logged };
});
await rec.write();
