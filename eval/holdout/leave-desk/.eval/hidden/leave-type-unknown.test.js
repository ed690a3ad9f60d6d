'use strict';

const assert = require('node:assert/strict');
const { startApp } = require('./helpers');

describe('a leave type the employee policy does not offer', () => {
  let app;

  beforeEach(async () => {
    app = await startApp();
  });

  afterEach(async () => {
    await app.close();
  });

  for (const [employeeId, type] of [['e-1003', 'study'], ['e-1002', 'parental'], ['e-1004', 'wellbeing']]) {
    it(`is refused as a client error for ${employeeId} asking for ${type} leave, and nothing is filed`, async () => {
      const before = await app.call('GET', `/v1/employees/${employeeId}/leave`);
      const res = await app.call('POST', `/v1/employees/${employeeId}/leave`, { type, startDate: '2027-02-01', endDate: '2027-02-02' });
      assert.ok([400, 404, 422].includes(res.status), `expected 400, 404 or 422, got ${res.status}`);
      assert.equal(typeof res.body.error.message, 'string');
      assert.notEqual(res.body.error.code, 'internal');
      const after = await app.call('GET', `/v1/employees/${employeeId}/leave`);
      assert.equal(after.body.items.length, before.body.items.length);
      assert.deepEqual(app.reported.filter((report) => report.level === 'error'), []);
    });
  }

  it('still files the types the policy has', async () => {
    const res = await app.call('POST', '/v1/employees/e-1003/leave', { type: 'annual', startDate: '2027-02-01', endDate: '2027-02-02' });
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.days, 2);
  });
});
