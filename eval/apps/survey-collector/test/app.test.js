import assert from 'node:assert/strict';
import { createApp } from '../src/app.js';

function post(app, id, answers) {
  return app.request(`/surveys/${id}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }) });
}

describe('responses and reports', () => {
  it('tallies scale, single and multi answers', async () => {
    const app = createApp();
    await post(app, 'onboarding-2026q4', { nps: 9, channels: ['docs', 'chat'], role: 'admin', comment: 'smooth' });
    await post(app, 'onboarding-2026q4', { nps: '6', channels: ['docs'], role: 'member' });
    const report = await (await app.request('/surveys/onboarding-2026q4/report')).json();
    assert.equal(report.responses, 2);
    assert.deepEqual(report.questions[0], { id: 'nps', answered: 2, mean: 7.5, nps: 0 });
    assert.deepEqual(report.questions[1].counts, { email: 0, chat: 1, docs: 2, webinar: 0, phone: 0 });
    assert.deepEqual(report.questions[3], { id: 'comment', count: 1 });
  });

  it('ignores answers that do not fit', async () => {
    const app = createApp();
    const res = await post(app, 'checkout-exit', { effort: 9, reasons: ['price', 'aliens'] });
    assert.equal(res.status, 201);
    const report = await (await app.request('/surveys/checkout-exit/report')).json();
    assert.equal(report.questions[1].answered, 0);
    assert.equal(report.questions[0].counts.price, 1);
  });

  it('answers 404 for an unknown survey', async () => {
    const res = await post(createApp(), 'nope', {});
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { ok: false, error: 'survey not found' });
  });

  it('rejects a body without answers', async () => {
    const app = createApp();
    const res = await app.request('/surveys/checkout-exit/responses', { method: 'POST', body: 'answers=1' });
    assert.equal(res.status, 400);
  });

  it('rejects an out-of-range percentile', async () => {
    const res = await createApp().request('/surveys/checkout-exit/report?percentile=120');
    assert.equal(res.status, 400);
  });
});
