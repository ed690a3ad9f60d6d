'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildApp } = require('../app');

// The kiosk's browse screen searches without q. Listing everything that matches the other
// filters is the natural answer; refusing with a 4xx and a message is acceptable too.
async function browse(url) {
  const app = buildApp();
  const res = await app.inject({ method: 'GET', url });
  assert.notEqual(res.statusCode, 500);
  if (res.statusCode >= 400) {
    assert.ok(res.statusCode < 500);
    assert.equal(typeof res.json().message, 'string');
    return null;
  }
  assert.equal(res.statusCode, 200);
  return res.json();
}

test('browsing DVDs without a query', async () => {
  const body = await browse('/books?format=dvd');
  if (body) {
    assert.deepEqual(body.results.map((item) => item.id), ['D-20110']);
    assert.equal(body.count, 1);
  }
});

test('browsing the whole catalogue', async () => {
  const body = await browse('/books');
  if (body) assert.equal(body.count, 7);
});

test('browsing an author', async () => {
  const body = await browse('/books?author=ursula%20k.%20le%20guin');
  if (body) assert.deepEqual(body.results.map((item) => item.id), ['B-10021', 'B-10022']);
});
