'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { startShortlinks } = require('./helpers');

test('a short link that does not exist answers 404', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  for (const slug of ['blackweek', 'black-friday', 'boliglån']) {
    const res = await app.call('GET', `/${encodeURIComponent(slug)}`);
    assert.equal(res.status, 404, slug);
    assert.equal(typeof res.body.error, 'string');
    assert.equal(res.location, null);
  }
  assert.deepEqual(app.errors, []);
});

test('existing links still redirect', async (t) => {
  const app = await startShortlinks();
  t.after(() => app.close());
  const res = await app.call('GET', '/black-week');
  assert.equal(res.status, 302);
  assert.equal(app.store.links.get('black-week').hits, 1);
});
