'use strict';

/** Charges by shipment id. Production passes the DynamoDB-backed table with the same two methods. */
function createMemoryLedger() {
  const rows = new Map();
  return {
    async put(charge) {
      rows.set(charge.shipmentId, { ...charge });
    },
    async get(shipmentId) {
      return rows.get(shipmentId) || null;
    },
    size: () => rows.size,
  };
}

function createDeadLetters(log = console) {
  const sent = [];
  return {
    async send(entry) {
      sent.push(entry);
      log.warn(`dead-lettered ${entry.messageId}: ${entry.reason}`);
    },
    sent: () => [...sent],
  };
}

module.exports = { createMemoryLedger, createDeadLetters };
