// Records cron-planner v0.7.1 as the Batchyard scheduler uses it: every five minutes the
// scheduler plans the next 24 hours for each team's cron file. The data and growth teams added
// jobs this week without a "tz" (their team config has a defaultTimezone). A library called by a
// service: events carry no request.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createRecording } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { planRuns } = require('../lib/index.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/opt/batchyard/cron-planner/',
  release: 'cron-planner@0.7.1',
  origin: 'https://unused.invalid',
  start: '2026-11-16T07:00:00Z',
  seed: 0xc407,
  eventIds: 'hex',
  tags: { service: 'batchyard-scheduler', caller: 'plan-refresh' },
});

rec.expect('job-without-timezone', { type: 'RangeError', message: /^Invalid time value$/ });

const TEAMS = {
  payments: { config: { defaultTimezone: 'Europe/London' }, jobs: [
    { name: 'settlement-report', cron: '30 6 * * 1-5', tz: 'Europe/London' },
    { name: 'fx-rates', cron: '0 7,13 * * *', tz: 'UTC' },
    { name: 'chargeback-sync', cron: '15 * * * *', tz: 'America/New_York' },
  ] },
  data: { config: { defaultTimezone: 'Europe/Berlin' }, jobs: [
    { name: 'warehouse-load', cron: '0 2 * * *', tz: 'Europe/Berlin' },
    { name: 'nightly-dbt', cron: '30 3 * * *' },
  ] },
  growth: { config: { defaultTimezone: 'Europe/Warsaw' }, jobs: [
    { name: 'newsletter-segments', cron: '0 5 * * 1', tz: 'Europe/Warsaw' },
    { name: 'trial-reminders', cron: '0 9 * * *' },
  ] },
  platform: { config: { defaultTimezone: 'UTC' }, jobs: [
    { name: 'cert-check', cron: '0 */6 * * *', tz: 'UTC' },
    { name: 'log-rotation', cron: '45 0 * * *', tz: 'UTC' },
  ] },
};

// Each refresh plans all teams; only the failing plans are events.
const refreshes = [];
for (let m = 1; m < 29; m += 5) {
  const at = rec.at(m, m + 0.01);
  refreshes.push(at);
  for (const team of ['data', 'growth']) rec.add({ kind: 'job-without-timezone', at: at + (team === 'data' ? 310 : 620), team, refresh: at, label: `plan ${team}` });
}

const outcomes = new Map();
await rec.run(async (item) => {
  if (!outcomes.has(item.refresh)) {
    const failures = new Map();
    for (const [team, file] of Object.entries(TEAMS)) {
      try {
        planRuns(file.jobs, { from: new Date(item.refresh).toISOString(), hours: 24, config: file.config });
      } catch (error) {
        failures.set(team, error);
      }
    }
    const unplanned = [...failures.keys()].filter((team) => team !== 'data' && team !== 'growth');
    if (unplanned.length) throw new Error(`teams failed unplanned: ${unplanned.join(', ')}`);
    outcomes.set(item.refresh, failures);
  }
  return { error: outcomes.get(item.refresh).get(item.team) ?? null };
});
await rec.write();
