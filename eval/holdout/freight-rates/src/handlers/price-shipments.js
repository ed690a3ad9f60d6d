'use strict';

const defaults = require('../config/settings');
const { createDeadLetters, createMemoryLedger } = require('../ledger');
const { priceShipment } = require('../pricing/price-shipment');
const { withReporting } = require('../lib/reporting');

function parseBooking(body) {
  const booking = JSON.parse(body);
  const problems = [];
  if (typeof booking.shipmentId !== 'string') problems.push('shipmentId');
  if (typeof booking.carrier !== 'string') problems.push('carrier');
  if (!(booking.weightKg > 0)) problems.push('weightKg');
  if (!Number.isInteger(booking.zone)) problems.push('zone');
  if (problems.length > 0) throw new Error(`invalid booking: ${problems.join(', ')}`);
  return booking;
}

/**
 * SQS consumer for the "bookings" queue (batch size 10, ReportBatchItemFailures on).
 * Bookings that can never be priced go to the dead-letter queue instead of being retried.
 */
function createHandler({ settings = defaults, ledger = createMemoryLedger(), deadLetters = createDeadLetters() } = {}) {
  return withReporting(async (event) => {
    const batchItemFailures = [];
    for (const record of event.Records) {
      let booking;
      try {
        booking = parseBooking(record.body);
      } catch (error) {
        await deadLetters.send({ messageId: record.messageId, reason: error.message, body: record.body });
        continue;
      }
      const price = priceShipment(booking, settings);
      try {
        await ledger.put({ shipmentId: booking.shipmentId, carrier: booking.carrier, ...price, pricedAt: record.attributes.SentTimestamp });
      } catch (error) {
        // The table throttles under load; SQS retries just this message.
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}

module.exports = { createHandler, handler: createHandler() };
