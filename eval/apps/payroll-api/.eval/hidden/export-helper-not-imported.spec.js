import assert from 'node:assert/strict';
import { withServer } from './helpers.js';

describe('pay run CSV export', () => {
  it('writes one accounting row per payslip in the importer format', () =>
    withServer(async ({ get }) => {
      const res = await get('/payruns/2026-10/export.csv');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /text\/csv/);
      const lines = (await res.text()).trimEnd().split('\n');
      assert.equal(lines.length, 6);
      assert.equal(lines[0], 'personnel_no;name;gross;tax;net;iban');
      assert.equal(lines[1], 'E1001;Hannah Weiss;6500,00;1430,50;5069,50;DE89370400440532013000');
      assert.equal(lines[5], 'E1013;Mia Schröder;5500,00;1018,90;4481,10;DE12500105170648489890');
    }));
});
