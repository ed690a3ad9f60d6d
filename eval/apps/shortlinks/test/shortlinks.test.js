'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { createRouter } = require('../lib/router');
const { startShortlinks } = require('./helpers');

test('the router extracts named segments', () => {
  const route = createRouter([['GET', '/api/links/:slug/stats', 'stats']]);
  assert.deepEqual(route('GET', '/api/links/bsu-2026/stats'), { handler: 'stats', params: { slug: 'bsu-2026' } });
  assert.equal(route('POST', '/api/links/bsu-2026/stats'), null);
});

test('redirects and counts clicks', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  const res = await app.call('GET', '/boliglan');
  assert.equal(res.status, 302);
  assert.equal(res.location, 'https://www.fjordbank.no/lan/boliglan?utm_source=go');
  await app.call('GET', '/boliglan');
  const stats = await app.call('GET', '/api/links/boliglan/stats?day=2026-11-19');
  assert.deepEqual(stats.body, { slug: 'boliglan', total: 2, day: '2026-11-19', clicks: 2 });
});

test('an expired link answers 410', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  assert.equal((await app.call('GET', '/sommer-2026')).status, 410);
});

test('creates links and refuses duplicates', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  const created = await app.call('POST', '/api/links', { slug: 'julekalender', target: 'https://www.fjordbank.no/jul', campaign: 'xmas' });
  assert.equal(created.status, 201);
  assert.equal((await app.call('POST', '/api/links', { slug: 'julekalender', target: 'https://www.fjordbank.no/jul' })).status, 409);
  assert.equal((await app.call('POST', '/api/links', { slug: 'No Spaces', target: 'http://x' })).status, 400);
});

test('totals without a day, 404 for unknown links', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  assert.deepEqual((await app.call('GET', '/api/links/app/stats')).body, { slug: 'app', total: 0 });
  assert.equal((await app.call('GET', '/api/links/nope/stats')).status, 404);
});
