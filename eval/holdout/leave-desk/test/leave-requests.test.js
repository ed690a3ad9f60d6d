'use strict';

const assert = require('node:assert/strict');
const { startApp } = require('./helpers');

describe('leave requests', () => {
  let app;

  beforeEach(async () => {
    app = await startApp();
  });

  afterEach(async () => {
    await app.close();
  });

  it('files annual leave as pending and counts working days only', async () => {
    const res = await app.call('POST', '/v1/employees/e-1004/leave', { type: 'annual', startDate: '2026-11-30', endDate: '2026-12-08' });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.days, 7);
    assert.match(res.body.id, /^LR-\d+$/);
  });

  it('approves sick leave straight away', async () => {
    const res = await app.call('POST', '/v1/employees/e-1002/leave', { type: 'sick', startDate: '2026-11-23', endDate: '2026-11-23' });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'approved');
  });

  it('skips public holidays of the employee country', async () => {
    const res = await app.call('POST', '/v1/employees/e-1007/leave', { type: 'annual', startDate: '2026-12-23', endDate: '2026-12-29' });
    assert.equal(res.status, 201);
    // 23, 24, 28, 29 December; the 25th and 26th are holidays in Germany.
    assert.equal(res.body.days, 4);
  });

  it('rejects a request that overlaps approved leave and reports it', async () => {
    const res = await app.call('POST', '/v1/employees/e-1001/leave', { type: 'annual', startDate: '2026-12-22', endDate: '2026-12-23' });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'conflict');
    assert.equal(res.body.error.details.overlapping, 'LR-0991');
    assert.equal(app.reported.length, 1);
    assert.equal(app.reported[0].level, 'warning');
  });

  it('rejects more days than the balance allows', async () => {
    const res = await app.call('POST', '/v1/employees/e-1002/leave', { type: 'wellbeing', startDate: '2026-11-23', endDate: '2026-11-27' });
    assert.equal(res.status, 422);
    assert.match(res.body.error.message, /Only 2 wellbeing days left/);
  });

  it('validates dates', async () => {
    const res = await app.call('POST', '/v1/employees/e-1002/leave', { type: 'annual', startDate: '23/11/2026', endDate: '2026-11-24' });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.error.details, [{ field: 'startDate', rule: 'day' }]);
  });

  it('answers 404 for an unknown employee', async () => {
    const res = await app.call('POST', '/v1/employees/e-9999/leave', { type: 'annual', startDate: '2026-11-23', endDate: '2026-11-24' });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });

  it('lists what an employee has filed', async () => {
    await app.call('POST', '/v1/employees/e-1006/leave', { type: 'annual', startDate: '2026-11-23', endDate: '2026-11-24' });
    const res = await app.call('GET', '/v1/employees/e-1006/leave');
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 1);
  });
});
