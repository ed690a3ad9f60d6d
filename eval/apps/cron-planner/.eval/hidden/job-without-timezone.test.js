'use strict';

const assert = require('node:assert/strict');
const { planRuns } = require('../lib');

// A job without "tz" runs in the team's default timezone, as describeJob already shows it.
describe('planning a job without its own timezone', () => {
  it("uses the team's default timezone", () => {
    const { runs, skipped } = planRuns([{ name: 'nightly-dbt', cron: '30 3 * * *' }], { from: '2026-11-16T00:00:00Z', hours: 24, config: { defaultTimezone: 'Europe/Berlin' } });
    assert.deepEqual(skipped, []);
    assert.deepEqual(runs, [{ job: 'nightly-dbt', at: '2026-11-16T02:30:00.000Z', local: '2026-11-16 03:30' }]);
  });

  it('plans it next to jobs that name their zone', () => {
    const { runs } = planRuns(
      [
        { name: 'trial-reminders', cron: '0 9 * * *' },
        { name: 'newsletter-segments', cron: '0 5 * * 1', tz: 'Europe/Warsaw' },
      ],
      { from: '2026-11-16T00:00:00Z', hours: 24, config: { defaultTimezone: 'Asia/Kolkata' } },
    );
    assert.deepEqual(runs.map((run) => [run.job, run.at]), [
      ['trial-reminders', '2026-11-16T03:30:00.000Z'],
      ['newsletter-segments', '2026-11-16T04:00:00.000Z'],
    ]);
  });
});
