'use strict';

const { createHandler } = require('../src/handler');
const { memoryStore } = require('../src/store');
const { sqsRecord } = require('./sqs');

// Firmware 3.2 sends the location as { lat, lon } instead of [lat, lon].
test('a record with an object location is stored with its coordinates', async () => {
  const store = memoryStore();
  const reported = [];
  const handler = createHandler({ store, report: (error) => reported.push(error) });
  const result = await handler({ Records: [sqsRecord({ ts: 1795000000, t: 4.1, h: 55, location: { lat: 55.6761, lon: 12.5683 } }, { deviceId: 'cc-0190', firmware: '3.2.0' })] });
  expect(result).toEqual({ batchItemFailures: [] });
  expect(reported).toEqual([]);
  expect(store.rows).toEqual([{ deviceId: 'cc-0190', firmware: '3.2.0', recordedAt: '2026-11-18T11:06:40.000Z', temperatureC: 4.1, humidityPct: 55, lat: 55.6761, lon: 12.5683 }]);
});

test('pairs still work', async () => {
  const store = memoryStore();
  await createHandler({ store })({ Records: [sqsRecord({ ts: 1795000000, t: 4.1, location: [55.1, 12.2] }, { deviceId: 'cc-0141', firmware: '3.1.0' })] });
  expect(store.rows[0]).toMatchObject({ lat: 55.1, lon: 12.2 });
});
