'use strict';

const assert = require('node:assert/strict');
const { startApp } = require('./helpers');

describe('balances and policies', () => {
  let app;

  before(async () => {
    app = await startApp();
  });

  after(async () => {
    await app.close();
  });

  it('adds capped carry-over to the yearly allowance', async () => {
    const res = await app.call('GET', '/v1/employees/e-1003/balances/annual');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { type: 'annual', year: 2026, entitled: 35, taken: 0, remaining: 35 });
  });

  it('answers 404 for a leave type the policy does not have', async () => {
    const res = await app.call('GET', '/v1/employees/e-1003/balances/study');
    assert.equal(res.status, 404);
    assert.match(res.body.error.message, /NL-2026 has no 'study' leave/);
  });

  it('lists policies and their leave types', async () => {
    const res = await app.call('GET', '/v1/policies');
    assert.deepEqual(res.body.items.find((item) => item.code === 'UK-2026').types, ['annual', 'sick', 'wellbeing']);
  });

  it('asks for a month on the team calendar', async () => {
    const res = await app.call('GET', '/v1/teams/platform/calendar?month=December');
    assert.equal(res.status, 422);
  });
});
