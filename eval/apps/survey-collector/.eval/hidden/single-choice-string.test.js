import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

function post(app, id, answers) {
  return app.request(`/surveys/${id}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
}

// Widget 2.0 sends a multi question with a single box ticked as a plain string.
describe('a multi-choice answer sent as one string', () => {
  it('is counted like a one-item list', async () => {
    const app = createApp();
    const res = await post(app, 'checkout-exit', { reasons: 'shipping', effort: 4 });
    assert.equal(res.status, 201);
    await post(app, 'checkout-exit', { reasons: ['shipping', 'price'], effort: 2 });
    const report = await (await app.request('/surveys/checkout-exit/report')).json();
    assert.equal(report.responses, 2);
    assert.deepEqual(report.questions[0].counts, { price: 1, shipping: 2, payment: 0, trust: 0, other: 0 });
    assert.equal(report.questions[1].answered, 2);
  });

  it('keeps the rest of the response', async () => {
    const app = createApp();
    await post(app, 'onboarding-2026q4', { nps: 10, channels: 'webinar', role: 'guest' });
    const report = await (await app.request('/surveys/onboarding-2026q4/report')).json();
    assert.equal(report.responses, 1);
    assert.equal(report.questions[1].counts.webinar, 1);
    assert.equal(report.questions[2].counts.guest, 1);
  });
});
