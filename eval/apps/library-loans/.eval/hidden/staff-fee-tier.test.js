'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildApp } = require('../app');
const { createCatalogue } = require('../lib/catalogue');

function pence(display) {
  assert.match(display, /^£\d+\.\d{2}$/);
  return Math.round(Number(display.slice(1)) * 100);
}

test('a staff member returning a book late pays what their loans page showed', async () => {
  const clock = { now: new Date('2026-10-20T10:00:00Z') };
  const app = buildApp({ catalogue: createCatalogue(), clock: () => clock.now });
  const loan = (await app.inject({ method: 'POST', url: '/loans', payload: { memberId: 'M0911', itemId: 'B-10577' } })).json();
  clock.now = new Date('2026-11-16T12:00:00Z');

  const preview = (await app.inject({ method: 'GET', url: '/members/M0911/loans' })).json();
  const owed = pence(preview.owedIfReturnedToday);
  assert.ok(owed > 0, 'the book is six days late');

  const res = await app.inject({ method: 'POST', url: `/loans/${loan.id}/return` });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(typeof body.fee, 'number');
  assert.ok(Number.isFinite(body.fee));
  assert.equal(body.fee, owed);
  assert.equal(pence(body.feeDisplay), owed);
  assert.ok(body.returnedAt);
});

test('late fees for listed tiers are unchanged', async () => {
  const clock = { now: new Date('2026-10-20T10:00:00Z') };
  const app = buildApp({ catalogue: createCatalogue(), clock: () => clock.now });
  const loan = (await app.inject({ method: 'POST', url: '/loans', payload: { memberId: 'M0519', itemId: 'D-20110' } })).json();
  clock.now = new Date('2026-10-30T10:00:00Z');
  const body = (await app.inject({ method: 'POST', url: `/loans/${loan.id}/return` })).json();
  assert.equal(body.fee, 30);
});
