'use strict';

const { createHandler } = require('../src/handlers/price-shipments');
const { createDeadLetters, createMemoryLedger } = require('../src/ledger');
const { priceShipment } = require('../src/pricing/price-shipment');
const settings = require('../src/config/settings');
const { sqsEvent } = require('./events');

const quiet = { warn() {} };

describe('price-shipments consumer', () => {
  test('prices each booking into the ledger', async () => {
    const ledger = createMemoryLedger();
    const handler = createHandler({ ledger, deadLetters: createDeadLetters(quiet) });
    const result = await handler(sqsEvent([
      { shipmentId: 'SHP-1', carrier: 'DHL', weightKg: 2, zone: 2 },
      { shipmentId: 'SHP-2', carrier: 'DPD', weightKg: 0.2, zone: 1 },
    ]));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await ledger.get('SHP-1')).toMatchObject({ net: 11.13, fuel: 0.95, total: 12.08, currency: 'EUR' });
    expect(await ledger.get('SHP-2')).toMatchObject({ net: 5.88, total: 6.38 });
  });

  test('dead-letters malformed bookings and carries on', async () => {
    const ledger = createMemoryLedger();
    const deadLetters = createDeadLetters(quiet);
    const handler = createHandler({ ledger, deadLetters });
    await handler(sqsEvent(['{"shipmentId":', { shipmentId: 'SHP-3', carrier: 'UPS', weightKg: 0 }, { shipmentId: 'SHP-4', carrier: 'UPS', weightKg: 1, zone: 1 }]));
    expect(deadLetters.sent().map((entry) => entry.messageId)).toEqual(['msg-1', 'msg-2']);
    expect(deadLetters.sent()[1].reason).toBe('invalid booking: weightKg, zone');
    expect(ledger.size()).toBe(1);
  });

  test('asks SQS to retry only the booking the table refused', async () => {
    const ledger = { put: async (charge) => { if (charge.shipmentId === 'SHP-6') throw new Error('ProvisionedThroughputExceededException'); } };
    const handler = createHandler({ ledger, deadLetters: createDeadLetters(quiet) });
    const result = await handler(sqsEvent([
      { shipmentId: 'SHP-5', carrier: 'DHL', weightKg: 1, zone: 1 },
      { shipmentId: 'SHP-6', carrier: 'DHL', weightKg: 1, zone: 1 },
    ]));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
  });

  test('uses the default factor for zones a carrier does not list', () => {
    expect(priceShipment({ carrier: 'DPD', weightKg: 1, zone: 3 }, settings).net).toBe(9.17);
  });
});
