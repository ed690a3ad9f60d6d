'use strict';

const { createHandler } = require('../src/handlers/price-shipments');
const { createDeadLetters, createMemoryLedger } = require('../src/ledger');
const { sqsEvent } = require('./events');

const quiet = { warn() {} };

describe('a booking for a carrier without a tariff', () => {
  test('is not priced, does not fail the batch, and is handed back or dead-lettered', async () => {
    const ledger = createMemoryLedger();
    const deadLetters = createDeadLetters(quiet);
    const handler = createHandler({ ledger, deadLetters });
    const result = await handler(sqsEvent([
      { shipmentId: 'SHP-10', carrier: 'GLS', weightKg: 3, zone: 1 },
      { shipmentId: 'SHP-11', carrier: 'DHL', weightKg: 2, zone: 2 },
      { shipmentId: 'SHP-12', carrier: 'POSTNORD', weightKg: 1, zone: 2 },
    ]));

    expect(await ledger.get('SHP-11')).toMatchObject({ net: 11.13, fuel: 0.95, total: 12.08, currency: 'EUR' });
    expect(await ledger.get('SHP-10')).toBeNull();
    expect(await ledger.get('SHP-12')).toBeNull();

    const retried = (result && result.batchItemFailures ? result.batchItemFailures : []).map((item) => item.itemIdentifier);
    const parked = deadLetters.sent().map((entry) => entry.messageId);
    for (const messageId of ['msg-1', 'msg-3']) {
      expect(retried.includes(messageId) || parked.includes(messageId)).toBe(true);
    }
    expect(retried).not.toContain('msg-2');
    expect(parked).not.toContain('msg-2');
  });
});
