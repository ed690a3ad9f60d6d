import assert from 'node:assert/strict';
import { withServer } from './helpers.js';

describe('employees', () => {
  it('lists employees of a department', () =>
    withServer(async ({ get }) => {
      const res = await get('/employees?department=Engineering');
      assert.deepEqual(await res.json(), [
        { id: 'E1001', name: 'Hannah Weiss', department: 'Engineering' },
        { id: 'E1002', name: 'Okonkwo Eze', department: 'Engineering' },
      ]);
    }));

  it('masks the IBAN', () =>
    withServer(async ({ get }) => {
      const body = await (await get('/employees/E1013')).json();
      assert.equal(body.iban, 'DE12…9890');
    }));

  it('answers 404 with a message for an unknown employee', () =>
    withServer(async ({ get }) => {
      const res = await get('/employees/E9999/payslip?period=2026-11');
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), { message: 'Employee E9999 does not exist' });
    }));

  it('previews a payslip', () =>
    withServer(async ({ get }) => {
      const body = await (await get('/employees/E1001/payslip?period=2026-11')).json();
      assert.deepEqual(body, { employeeId: 'E1001', period: '2026-11', lines: [{ kind: 'salary', amount: 6500 }], gross: 6500, tax: 1430, net: 5070 });
    }));

  it('rejects a malformed period', () =>
    withServer(async ({ get }) => {
      assert.equal((await get('/employees/E1001/payslip?period=nov')).status, 400);
    }));
});

describe('pay runs', () => {
  it('summarises a closed run', () =>
    withServer(async ({ get }) => {
      const body = await (await get('/payruns/2026-10')).json();
      assert.deepEqual(body, { period: '2026-10', closedAt: '2026-10-28T16:02:11Z', employees: 5, totalNet: 22401.85 });
    }));

  it('answers 404 for a run that is not closed', () =>
    withServer(async ({ get }) => {
      assert.equal((await get('/payruns/2026-11/export.csv')).status, 404);
    }));
});
