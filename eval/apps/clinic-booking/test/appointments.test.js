'use strict';

const { startClinic } = require('./helpers');

describe('appointments', () => {
  let clinic;
  beforeEach(async () => {
    clinic = await startClinic();
  });
  afterEach(() => clinic.close());

  test('books a slot sized for the species', async () => {
    const res = await clinic.call('POST', '/appointments', {
      petId: 'p_2003',
      vetId: 'v_102',
      startsAt: '2026-11-16T10:00:00.000Z',
    });
    expect(res.status).toBe(201);
    expect(res.body.appointment).toMatchObject({ clinicId: 'c_north', endsAt: '2026-11-16T10:45:00.000Z', reason: 'check-up' });
  });

  test('refuses a slot that overlaps another booking', async () => {
    const first = { petId: 'p_2001', vetId: 'v_101', startsAt: '2026-11-16T09:00:00.000Z' };
    expect((await clinic.call('POST', '/appointments', first)).status).toBe(201);
    const res = await clinic.call('POST', '/appointments', { ...first, petId: 'p_2002', startsAt: '2026-11-16T09:10:00.000Z' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.next).toBe('2026-11-16T09:20:00.000Z');
    expect(clinic.reported[0].level).toBe('warning');
  });

  test('refuses a time outside opening hours', async () => {
    const res = await clinic.call('POST', '/appointments', { petId: 'p_2004', vetId: 'v_104', startsAt: '2026-11-16T18:50:00.000Z' });
    expect(res.status).toBe(422);
  });

  test('answers 404 for an unknown pet', async () => {
    const res = await clinic.call('POST', '/appointments', { petId: 'p_9', vetId: 'v_101', startsAt: '2026-11-16T09:00:00.000Z' });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/p_9/);
  });

  test('cancels an appointment', async () => {
    const made = await clinic.call('POST', '/appointments', { petId: 'p_2001', vetId: 'v_105', startsAt: '2026-11-17T11:00:00.000Z' });
    const res = await clinic.call('DELETE', `/appointments/${made.body.appointment.id}`);
    expect(res.status).toBe(204);
    expect(clinic.store.appointments).toHaveLength(0);
  });
});
