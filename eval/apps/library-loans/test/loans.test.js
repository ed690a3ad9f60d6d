'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildApp } = require('../app');
const { createCatalogue } = require('../lib/catalogue');

function appAt(iso, catalogue = createCatalogue()) {
  const clock = { now: new Date(iso) };
  const app = buildApp({ catalogue, clock: () => clock.now });
  return { app, catalogue, clock };
}

async function borrow(app, memberId, itemId) {
  const res = await app.inject({ method: 'POST', url: '/loans', payload: { memberId, itemId } });
  return res.json();
}

test('lends a book for 21 days', async () => {
  const { app } = appAt('2026-11-02T10:00:00Z');
  const loan = await borrow(app, 'M0142', 'B-10340');
  assert.equal(loan.dueAt, '2026-11-23T10:00:00.000Z');
});

test('refuses an item that is already out', async () => {
  const { app } = appAt('2026-11-02T10:00:00Z');
  await borrow(app, 'M0142', 'B-10577');
  const res = await app.inject({ method: 'POST', url: '/loans', payload: { memberId: 'M0377', itemId: 'B-10577' } });
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().message, 'Wolf Hall is already on loan');
});

test('charges nothing for an on-time return', async () => {
  const { app, clock } = appAt('2026-11-02T10:00:00Z');
  const loan = await borrow(app, 'M0911', 'D-20110');
  clock.now = new Date('2026-11-08T09:00:00Z');
  const res = await app.inject({ method: 'POST', url: `/loans/${loan.id}/return` });
  assert.equal(res.json().feeDisplay, '£0.00');
});

test('charges the tier rate per late day, up to the cap', async () => {
  const { app, clock } = appAt('2026-10-01T10:00:00Z');
  const dvd = await borrow(app, 'M0377', 'D-20110');
  const book = await borrow(app, 'M0142', 'B-10021');
  clock.now = new Date('2026-10-13T12:00:00Z');
  assert.equal((await app.inject({ method: 'POST', url: `/loans/${dvd.id}/return` })).json().fee, 50);
  clock.now = new Date('2026-12-30T12:00:00Z');
  assert.equal((await app.inject({ method: 'POST', url: `/loans/${book.id}/return` })).json().feeDisplay, '£8.00');
});

test('previews what a member owes', async () => {
  const { app, clock } = appAt('2026-10-01T10:00:00Z');
  await borrow(app, 'M0914', 'M-30007');
  clock.now = new Date('2026-10-11T10:00:00Z');
  const res = await app.inject({ method: 'GET', url: '/members/M0914/loans' });
  assert.equal(res.json().owedIfReturnedToday, '£0.60');
});
