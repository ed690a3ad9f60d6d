'use strict';

const { setup } = require('./helpers');

let env;
beforeEach(async () => {
  env = await setup();
});
afterEach(() => env.close());

test('issues a permit for a resident vehicle and mails it', async () => {
  const res = await env.apply({ residentId: 'R1000001', plate: 'hx-482-k', zone: 'centrum', email: 'j.devries@example.nl' });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ plate: 'HX482K', zone: 'centrum', price: 32000, validFrom: '2026-11-20', validTo: '2027-11-20', receiptId: 'msg-1' });
  expect(env.sent).toHaveLength(1);
  expect(env.sent[0]).toMatchObject({ to: 'j.devries@example.nl', template: 'parking-permit', data: { price: '320.00' } });
});

test('prices clean vehicles lower and accepts lease holders', async () => {
  expect((await env.apply({ residentId: 'R1000002', plate: 'EV901T', zone: 'noord', email: 'a@example.nl' })).json().price).toBe(6250);
  expect((await env.apply({ residentId: 'R1000004', plate: 'LS77PQ', zone: 'haven', email: 'b@example.nl' })).json().price).toBe(33600);
});

test('refuses someone else\'s vehicle, a second permit and unknown zones', async () => {
  const stranger = await env.apply({ residentId: 'R1000009', plate: 'HX482K', zone: 'centrum', email: 'x@example.nl' });
  expect(stranger.statusCode).toBe(403);
  expect(stranger.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'HX482K is not registered to resident R1000009' });

  await env.apply({ residentId: 'R1000001', plate: 'HX482K', zone: 'centrum', email: 'j@example.nl' });
  expect((await env.apply({ residentId: 'R1000001', plate: 'HX482K', zone: 'centrum', email: 'j@example.nl' })).statusCode).toBe(409);
  expect((await env.apply({ residentId: 'R1000001', plate: 'HX482K', zone: 'zuid', email: 'j@example.nl' })).statusCode).toBe(422);
});

test('validates the form', async () => {
  const res = await env.apply({ residentId: '1000001', plate: 'HX482K', zone: 'centrum', email: 'j@example.nl' });
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toBe('Bad Request');
});
