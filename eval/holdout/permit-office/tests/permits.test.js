'use strict';

const { setup } = require('./helpers');
const { addYear } = require('../services/permit-service');

test('shows a permit, or 404', async () => {
  const env = await setup();
  const issued = (await env.apply({ residentId: 'R1000002', plate: 'EV901T', zone: 'haven', email: 'a@example.nl' })).json();
  expect((await env.request('GET', `/permits/${issued.id}`)).json()).toMatchObject({ plate: 'EV901T', zone: 'haven' });
  expect((await env.request('GET', '/permits/PRM-99999')).statusCode).toBe(404);
  await env.close();
});

test('opens renewal only in the last 30 days', async () => {
  const env = await setup();
  const issued = (await env.apply({ residentId: 'R1000002', plate: 'EV901T', zone: 'haven', email: 'a@example.nl' })).json();
  const early = await env.request('POST', `/permits/${issued.id}/renew`);
  expect(early.statusCode).toBe(409);
  expect(early.json().message).toBe('renewal opens 30 days before 2027-11-20');
  expect((await env.request('POST', '/permits/PRM-99999/renew')).statusCode).toBe(404);
  await env.close();
});

test('shows prices per zone before applying', async () => {
  const env = await setup();
  const res = await env.request('GET', '/vehicles/LS-77-PQ/prices');
  expect(res.json()).toEqual({ plate: 'LS77PQ', emissionClass: 'euro4', prices: { centrum: 51200, haven: 33600, noord: 20000 } });
  expect((await env.request('GET', '/vehicles/DKA4821/prices')).statusCode).toBe(404);
  await env.close();
});

test('adds a year, leap days included', () => {
  expect(addYear('2027-02-28')).toBe('2028-02-28');
  expect(addYear('2028-02-29')).toBe('2029-03-01');
});
