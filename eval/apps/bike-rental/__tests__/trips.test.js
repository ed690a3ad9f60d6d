'use strict';

const { startPedalo } = require('../test-client');
const { tripPrice } = require('../src/pricing');

let pedalo;
beforeEach(async () => {
  pedalo = await startPedalo();
});
afterEach(() => pedalo.close());

test('prices by bike type and started minute', () => {
  expect(tripPrice('classic', 12.2)).toBe(100 + 13 * 15);
  expect(tripPrice('cargo', 30)).toBe(200 + 30 * 40);
});

test('a trip from Centraal to Museumplein', async () => {
  const started = await pedalo.post('/trips', 'r-77', { bikeId: 'E-2001', stationId: 'ST-centraal' });
  expect(started.status).toBe(201);
  pedalo.clock.now = new Date('2026-11-21T08:17:30Z');
  const ended = await pedalo.post(`/trips/${started.body.value.id}/end`, 'r-77', { dock: { stationId: 'ST-museumplein', batteryPct: 64 } });
  expect(ended.status).toBe(200);
  expect(ended.body.value).toMatchObject({ toStation: 'ST-museumplein', minutes: 18, priceCents: 640 });
  expect(pedalo.fleet.bikes.get('E-2001').batteryPct).toBe(64);
  expect(pedalo.fleet.stations.get('ST-museumplein').docked.has('E-2001')).toBe(true);
});

test('refuses a bike that is not at the station', async () => {
  const res = await pedalo.post('/trips', 'r-77', { bikeId: 'B-1009', stationId: 'ST-centraal' });
  expect(res.status).toBe(409);
  expect(res.body).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'bike B-1009 is not docked at Centraal Station' } });
});

test('one bike per rider', async () => {
  await pedalo.post('/trips', 'r-12', { bikeId: 'B-1001', stationId: 'ST-centraal' });
  expect((await pedalo.post('/trips', 'r-12', { bikeId: 'B-1002', stationId: 'ST-centraal' })).status).toBe(409);
});

test('stations show bikes and free docks', async () => {
  const res = await pedalo.get('/stations', 'r-1');
  expect(res.body.value[3]).toEqual({ id: 'ST-noord', name: 'Buiksloterweg', bikes: 4, free: 26 });
});

test("cannot end someone else's trip", async () => {
  const started = await pedalo.post('/trips', 'r-5', { bikeId: 'B-1003', stationId: 'ST-museumplein' });
  const res = await pedalo.post(`/trips/${started.body.value.id}/end`, 'r-6', { dock: { stationId: 'ST-centraal' } });
  expect(res.status).toBe(404);
});
