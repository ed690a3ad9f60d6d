'use strict';

const assert = require('node:assert/strict');
const { planRuns, parseSchedule, describeJob } = require('../lib');

const config = { defaultTimezone: 'Europe/Berlin' };

describe('parseSchedule', () => {
  it('reads lists and ranges', () => {
    const s = parseSchedule('0,30 6-7 * * 1-5');
    assert.deepEqual([...s.minute], [0, 30]);
    assert.deepEqual([...s.dow], [1, 2, 3, 4, 5]);
    assert.equal(s.dom, null);
  });

  it('refuses what it does not understand', () => {
    assert.equal(parseSchedule('*/5 * * * *'), null);
    assert.equal(parseSchedule('0 25 * * *'), null);
    assert.equal(parseSchedule('@daily'), null);
  });
});

describe('planRuns', () => {
  it('turns local times into UTC', () => {
    const { runs } = planRuns([{ name: 'warehouse-sync', cron: '30 6 * * *', tz: 'Europe/Helsinki' }], { from: '2026-11-16T00:00:00Z', hours: 24, config });
    assert.deepEqual(runs, [{ job: 'warehouse-sync', at: '2026-11-16T04:30:00.000Z', local: '2026-11-16 06:30' }]);
  });

  it('respects weekdays in local time', () => {
    const { runs } = planRuns([{ name: 'report', cron: '0 1 * * 1', tz: 'Asia/Kolkata' }], { from: '2026-11-15T00:00:00Z', hours: 48, config });
    assert.deepEqual(runs.map((r) => r.at), ['2026-11-15T19:30:00.000Z']);
  });

  it('skips jobs it cannot plan and says why', () => {
    const { runs, skipped } = planRuns(
      [
        { name: 'fancy', cron: '*/10 * * * *', tz: 'UTC' },
        { name: 'tokyo', cron: '0 9 * * *', tz: 'Asia/Tokyo' },
      ],
      { from: '2026-11-16T00:00:00Z', hours: 24, config },
    );
    assert.deepEqual(runs, []);
    assert.deepEqual(skipped, [{ job: 'fancy', reason: 'cannot parse "*/10 * * * *"' }, { job: 'tokyo', reason: 'unknown timezone Asia/Tokyo' }]);
  });
});

describe('describeJob', () => {
  it('falls back to the team timezone', () => {
    assert.equal(describeJob({ name: 'backup', cron: '15 3 * * *' }, config), 'backup (Europe/Berlin, UTC+1): 15 3 * * *');
    assert.equal(describeJob({ name: 'ny', cron: '0 8 * * *', tz: 'America/New_York' }, config), 'ny (America/New_York, UTC-5): 0 8 * * *');
  });
});
