'use strict';

const { createHandler } = require('../src/handler');
const { memoryStore } = require('../src/store');
const { sqsRecord } = require('./sqs');

// The LoRa bridge cannot set message attributes: device id and firmware come in the body.
test('a record from the LoRa bridge is stored with the firmware from its body', async () => {
  const store = memoryStore();
  const alarms = [];
  const reported = [];
  const handler = createHandler({ store, alarms, report: (error) => reported.push(error) });
  const record = sqsRecord({ dev: 'lb-7001', fw: '2.4.1', ts: 1795000000, t: 42, h: 70, location: [55.7, 12.6] });
  const result = await handler({ Records: [record] });
  expect(result).toEqual({ batchItemFailures: [] });
  expect(reported).toEqual([]);
  expect(store.rows).toEqual([{ deviceId: 'lb-7001', firmware: '2.4.1', recordedAt: '2026-11-18T11:06:40.000Z', temperatureC: 4.2, humidityPct: 70, lat: 55.7, lon: 12.6 }]);
  expect(alarms).toEqual([]);
});

test('direct devices keep using the attributes', async () => {
  const store = memoryStore();
  const handler = createHandler({ store });
  await handler({ Records: [sqsRecord({ ts: 1795000000, t: 3.5, location: [1, 2] }, { deviceId: 'cc-0141', firmware: '3.1.0' })] });
  expect(store.rows[0]).toMatchObject({ deviceId: 'cc-0141', firmware: '3.1.0', temperatureC: 3.5 });
});
