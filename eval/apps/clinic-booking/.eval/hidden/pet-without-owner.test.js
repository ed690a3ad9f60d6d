'use strict';

const { startClinic } = require('./helpers');

describe('registering a pet without its owner', () => {
  let clinic;
  beforeEach(async () => {
    clinic = await startClinic();
  });
  afterEach(() => clinic.close());

  test('is refused with a client error in the usual error shape', async () => {
    const res = await clinic.call('POST', '/pets', { name: 'Juno', species: 'cat' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.error.message).toBe('string');
    expect(clinic.store.pets.size).toBe(4);
  });

  test('still registers a pet with a full owner', async () => {
    const res = await clinic.call('POST', '/pets', { name: 'Juno', species: 'cat', owner: { name: 'Ida Berg', phone: '0170 1112223' } });
    expect(res.status).toBe(201);
    expect(res.body.owner.phone).toBe('+491701112223');
  });
});
