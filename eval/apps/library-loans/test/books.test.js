'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildApp } = require('../app');

test('finds books by title words', async () => {
  const app = buildApp();
  const res = await app.inject({ method: 'GET', url: '/books?q=%20Earthsea' });
  assert.deepEqual(res.json().results.map((item) => item.id), ['B-10022']);
});

test('filters by author and format', async () => {
  const app = buildApp();
  const res = await app.inject({ method: 'GET', url: '/books?q=the&author=hilary%20mantel' });
  assert.deepEqual(res.json().results.map((item) => item.id), ['B-10578']);
  const dvds = await app.inject({ method: 'GET', url: '/books?q=&format=dvd' });
  assert.equal(dvds.json().count, 1);
});

test('answers 404 for an unknown item', async () => {
  const app = buildApp();
  const res = await app.inject({ method: 'GET', url: '/books/B-0' });
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().message, 'No item B-0 in the catalogue');
});
