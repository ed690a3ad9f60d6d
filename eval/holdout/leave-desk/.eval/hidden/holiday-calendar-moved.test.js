'use strict';

const assert = require('node:assert/strict');
const { startApp } = require('./helpers');

describe('team calendar month view', () => {
  let app;

  before(async () => {
    app = await startApp();
  });

  after(async () => {
    await app.close();
  });

  it('lists every day of the month with who is away and whose country is off', async () => {
    const res = await app.call('GET', '/v1/teams/platform/calendar?month=2026-12');
    assert.equal(res.status, 200);
    assert.equal(res.body.days.length, 31);
    const day = (iso) => res.body.days.find((entry) => entry.day === iso);
    assert.deepEqual([...day('2026-12-25').holidayIn].sort(), ['DE', 'NL', 'UK']);
    assert.deepEqual(day('2026-12-01').holidayIn, []);
    assert.deepEqual(day('2026-12-22').away, ['e-1001']);
    assert.equal(day('2026-12-26').weekend, true);
  });

  it('marks holidays per country', async () => {
    const res = await app.call('GET', '/v1/teams/payments/calendar?month=2026-10');
    assert.equal(res.status, 200);
    const third = res.body.days.find((entry) => entry.day === '2026-10-03');
    assert.deepEqual(third.holidayIn, ['DE']);
  });
});
