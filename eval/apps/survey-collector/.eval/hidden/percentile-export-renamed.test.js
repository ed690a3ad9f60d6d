import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

describe('the report with a percentile', () => {
  it('adds the requested percentile of each scale question', async () => {
    const app = createApp();
    for (const nps of [0, 5, 7, 8, 10]) {
      await app.request('/surveys/onboarding-2026q4/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: { nps } }) });
    }
    const res = await app.request('/surveys/onboarding-2026q4/report?percentile=90');
    assert.equal(res.status, 200);
    const report = await res.json();
    assert.equal(report.questions[0].answered, 5);
    assert.ok(Math.abs(report.questions[0].p90 - 9.2) < 1e-9, `p90 ${report.questions[0].p90}`);
  });

  it('gives the median at 50', async () => {
    const app = createApp();
    for (const effort of [1, 2, 5]) {
      await app.request('/surveys/checkout-exit/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: { effort } }) });
    }
    const report = await (await app.request('/surveys/checkout-exit/report?percentile=50')).json();
    assert.equal(report.questions[1].p50, 2);
  });
});
