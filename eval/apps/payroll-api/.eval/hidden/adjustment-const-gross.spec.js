import assert from 'node:assert/strict';
import { withServer } from './helpers.js';

describe('payslip preview with adjustments in the period', () => {
  it('adds overtime and corrections to the gross before tax', () =>
    withServer(async ({ get }) => {
      const res = await get('/employees/E1010/payslip?period=2026-11');
      assert.equal(res.status, 200);
      const slip = await res.json();
      assert.equal(slip.gross, 4275.3);
      assert.equal(slip.tax, 851.58);
      assert.equal(slip.net, 3423.72);
      assert.deepEqual(
        slip.lines.map((line) => line.kind),
        ['salary', 'overtime', 'correction'],
      );
    }));

  it('adds a bonus under tax class III', () =>
    withServer(async ({ get }) => {
      const slip = await (await get('/employees/E1007/payslip?period=2026-11')).json();
      assert.equal(slip.gross, 6000);
      assert.equal(slip.tax, 720);
      assert.equal(slip.net, 5280);
    }));
});
