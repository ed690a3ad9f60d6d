import assert from 'node:assert/strict';
import { computePayslip, isPeriod, round2 } from '../lib/payslip.js';

describe('computePayslip', () => {
  const employee = { id: 'E1', annualSalary: 60000, taxCode: 'I' };

  it('withholds tax above the allowance', () => {
    const slip = computePayslip(employee, '2026-11');
    assert.equal(slip.gross, 5000);
    assert.equal(slip.tax, 1040);
    assert.equal(slip.net, 3960);
    assert.deepEqual(slip.lines, [{ kind: 'salary', amount: 5000 }]);
  });

  it('uses the lower rate of tax class III', () => {
    assert.equal(computePayslip({ ...employee, taxCode: 'III' }, '2026-11').tax, 540);
  });

  it('rounds to cents', () => {
    assert.equal(round2(1.005 + 2.1), 3.11);
    assert.equal(computePayslip({ id: 'E2', annualSalary: 50001, taxCode: 'I' }, '2026-11').gross, 4166.75);
  });

  it('recognises periods', () => {
    assert.ok(isPeriod('2026-11'));
    assert.ok(!isPeriod('2026-13'));
    assert.ok(!isPeriod(undefined));
  });
});
