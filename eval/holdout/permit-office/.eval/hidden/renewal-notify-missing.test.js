'use strict';

const { setup } = require('./helpers');

let env;
beforeEach(async () => {
  env = await setup({ today: '2026-11-20' });
});
afterEach(() => env.close());

function expiringPermit() {
  const application = env.store.saveApplication({ residentId: 'R1000002', email: 'a.bakker@example.nl', plate: 'EV901T', zone: 'haven', price: 10500 });
  return env.store.savePermit({ applicationId: application.id, plate: 'EV901T', zone: 'haven', price: 10500, validFrom: '2025-12-05', validTo: '2026-12-05' });
}

test('a renewal issues next year\'s permit and mails it like a new one', async () => {
  const current = expiringPermit();
  const res = await env.request('POST', `/permits/${current.id}/renew`);
  expect(res.statusCode).toBe(201);
  const renewed = res.json();
  expect(renewed).toMatchObject({ plate: 'EV901T', zone: 'haven', validFrom: '2026-12-05', validTo: '2027-12-05' });
  expect(typeof renewed.receiptId).toBe('string');
  expect(env.sent).toHaveLength(1);
  expect(env.sent[0]).toMatchObject({ to: 'a.bakker@example.nl', template: 'parking-permit', data: { permitId: renewed.id, validTo: '2027-12-05' } });
  expect(env.reported).toEqual([]);
});
