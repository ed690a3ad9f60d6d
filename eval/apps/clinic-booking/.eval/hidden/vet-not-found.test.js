'use strict';

const { startClinic } = require('./helpers');

describe('booking with a vet who is no longer on the roster', () => {
  let clinic;
  beforeEach(async () => {
    clinic = await startClinic();
  });
  afterEach(() => clinic.close());

  test('is refused with a client error in the usual error shape', async () => {
    const res = await clinic.call('POST', '/appointments', { petId: 'p_2002', vetId: 'v_103', startsAt: '2026-11-18T10:00:00.000Z' });
    expect([400, 404, 409, 422]).toContain(res.status);
    expect(typeof res.body.error.message).toBe('string');
    expect(clinic.store.appointments).toHaveLength(0);
    expect(clinic.reported.every((r) => r.level === 'warning')).toBe(true);
  });

  test('leaves bookings with current vets working', async () => {
    await clinic.call('POST', '/appointments', { petId: 'p_2002', vetId: 'v_106', startsAt: '2026-11-18T10:00:00.000Z' });
    const res = await clinic.call('POST', '/appointments', { petId: 'p_2002', vetId: 'v_104', startsAt: '2026-11-18T10:00:00.000Z' });
    expect(res.status).toBe(201);
    expect(res.body.appointment).toMatchObject({ vetId: 'v_104', clinicId: 'c_harbour', endsAt: '2026-11-18T10:20:00.000Z' });
  });
});
