'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { startShortlinks } = require('./helpers');

test('stats for a day of a link that has not been clicked yet are zero', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  const res = await app.call('GET', '/api/links/bsu-2026/stats?day=2026-11-19');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { slug: 'bsu-2026', total: 0, day: '2026-11-19', clicks: 0 });
  assert.deepEqual(app.errors, []);
});

test('a day without clicks on a link clicked on other days is zero too', async (t) => {
  const app = await startShortlinks('2026-11-18T09:00:00Z');
  t.after(() => app.close());
  await app.call('GET', '/boliglan');
  const res = await app.call('GET', '/api/links/boliglan/stats?day=2026-11-19');
  assert.deepEqual(res.body, { slug: 'boliglan', total: 1, day: '2026-11-19', clicks: 0 });
});
