'use strict';

const { startPedalo } = require('../test-client');

let pedalo;
beforeEach(async () => {
  pedalo = await startPedalo();
});
afterEach(() => pedalo.close());

// App 3.0 reports the dock flat in the body; app 2.x nests it under `dock`.
test('ending a trip with the dock fields at the top level', async () => {
  const started = await pedalo.post('/trips', 'r-31', { bikeId: 'E-2002', stationId: 'ST-museumplein' });
  pedalo.clock.now = new Date('2026-11-21T08:11:10Z');
  const ended = await pedalo.post(`/trips/${started.body.value.id}/end`, 'r-31', { stationId: 'ST-vondelpark', batteryPct: 58 });
  expect(ended.status).toBe(200);
  expect(ended.body.ok).toBe(true);
  expect(ended.body.value).toMatchObject({ toStation: 'ST-vondelpark', minutes: 12, priceCents: 460 });
  expect(pedalo.fleet.stations.get('ST-vondelpark').docked.has('E-2002')).toBe(true);
  expect(pedalo.fleet.bikes.get('E-2002').batteryPct).toBe(58);
  expect(pedalo.errors).toEqual([]);
});

test('the nested form still works', async () => {
  const started = await pedalo.post('/trips', 'r-32', { bikeId: 'B-1001', stationId: 'ST-centraal' });
  pedalo.clock.now = new Date('2026-11-21T08:05:00Z');
  const ended = await pedalo.post(`/trips/${started.body.value.id}/end`, 'r-32', { dock: { stationId: 'ST-noord' } });
  expect(ended.body.value).toMatchObject({ toStation: 'ST-noord', minutes: 5, priceCents: 175 });
});
