'use strict';

const { start } = require('./helpers');
const { currentTerm } = require('../server/terms');

let api;
beforeAll(async () => {
  api = await start();
});
afterAll(() => api.stop());

test('the honour roll without a term is the one of the current term, as /sections does', async () => {
  const { status, body } = await api.json('/reports/honour-roll');
  expect(status).toBe(200);
  // The app's clock says November 2026; a fix reading the wall clock instead is accepted too.
  const accepted = [currentTerm(new Date('2026-11-16T09:00:00Z')), currentTerm(new Date())];
  expect(accepted).toContain(body.term);
  const explicit = await api.json(`/reports/honour-roll?term=${body.term}`);
  expect(body).toEqual(explicit.body);
  expect(JSON.stringify(body)).not.toMatch(/undefined|NaN/);
  expect(api.errors).toEqual([]);
});

test('an explicit term still wins', async () => {
  const { body } = await api.json('/reports/honour-roll?term=2026-spring');
  expect(body.term).toBe('2026-spring');
  expect(body.label).toBe('Spring 2026');
});
