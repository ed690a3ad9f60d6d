'use strict';

const { createHandler } = require('../src/handler');
const { memoryStore } = require('../src/store');
const { celsius } = require('../src/units');
const { sqsRecord } = require('./sqs');

describe('units', () => {
  test('old firmware reports tenths of a degree', () => {
    expect(celsius(42, '2.4.1')).toBe(4.2);
    expect(celsius(4.2, '3.1.0')).toBe(4.2);
  });
});

describe('handler', () => {
  test('stores readings from direct devices', async () => {
    const store = memoryStore();
    const handler = createHandler({ store });
    const result = await handler({ Records: [sqsRecord({ ts: 1795000000, t: 5.5, h: 61, location: [55.67, 12.56] }, { deviceId: 'cc-0141', firmware: '3.1.0' })] });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(store.rows).toEqual([{ deviceId: 'cc-0141', firmware: '3.1.0', recordedAt: '2026-11-18T11:06:40.000Z', temperatureC: 5.5, humidityPct: 61, lat: 55.67, lon: 12.56 }]);
  });

  test('raises an alarm above 8 °C', async () => {
    const alarms = [];
    const handler = createHandler({ alarms });
    await handler({ Records: [sqsRecord({ ts: 1795000000, t: 93, location: [55.6, 12.5] }, { deviceId: 'cc-0007', firmware: '2.9.0' })] });
    expect(alarms).toEqual([{ deviceId: 'cc-0007', temperatureC: 9.3, at: '2026-11-18T11:06:40.000Z' }]);
  });

  test('drops a poison message but reports it', async () => {
    const reported = [];
    const handler = createHandler({ report: (error) => reported.push(error.name) });
    const result = await handler({ Records: [sqsRecord('{"ts": 17', { deviceId: 'cc-0141', firmware: '3.1.0' })] });
    expect(result.batchItemFailures).toEqual([]);
    expect(reported).toEqual(['PoisonMessageError']);
  });

  test('retries only the records that failed', async () => {
    const store = memoryStore();
    const failing = { put: async (reading) => { if (reading.deviceId === 'cc-0200') throw new Error('throttled'); store.rows.push(reading); } };
    const handler = createHandler({ store: failing, report: () => {} });
    const a = sqsRecord({ ts: 1795000000, t: 4, location: [1, 2] }, { deviceId: 'cc-0141', firmware: '3.0.0' });
    const b = sqsRecord({ ts: 1795000000, t: 4, location: [1, 2] }, { deviceId: 'cc-0200', firmware: '3.0.0' });
    expect(await handler({ Records: [a, b] })).toEqual({ batchItemFailures: [{ itemIdentifier: b.messageId }] });
    expect(store.rows).toHaveLength(1);
  });
});
