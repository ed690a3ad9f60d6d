'use strict';

const { setup } = require('./helpers');

let env;
beforeEach(async () => {
  env = await setup();
});
afterEach(() => env.close());

test('an application for a plate the registry does not know is refused, and nothing is issued', async () => {
  const res = await env.apply({ residentId: 'R1000007', plate: 'D-KA 4821', zone: 'centrum', email: 'k.weber@example.de' });
  expect([400, 404, 422]).toContain(res.statusCode);
  const body = res.json();
  expect(body.statusCode).toBe(res.statusCode);
  expect(typeof body.message).toBe('string');
  expect(body.message).not.toMatch(/undefined|null|NaN/);
  expect(env.reported).toEqual([]);
  expect(env.sent).toEqual([]);
  expect(env.store.permitsFor('DKA4821')).toEqual([]);
});

test('registered vehicles are still issued a permit', async () => {
  const res = await env.apply({ residentId: 'R1000001', plate: 'HX482K', zone: 'noord', email: 'j@example.nl' });
  expect(res.statusCode).toBe(201);
  expect(res.json().price).toBe(12500);
});
