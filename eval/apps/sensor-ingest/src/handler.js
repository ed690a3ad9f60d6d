'use strict';

const { decodeRecord, PoisonMessageError } = require('./decode');
const { memoryStore } = require('./store');

const ALARM_ABOVE_C = 8;

function createHandler({ store = memoryStore(), alarms = [], report = (error) => console.error(error) } = {}) {
  return async function handler(event) {
    const batchItemFailures = [];
    for (const record of event.Records) {
      try {
        const reading = decodeRecord(record);
        await store.put(reading);
        if (reading.temperatureC > ALARM_ABOVE_C) alarms.push({ deviceId: reading.deviceId, temperatureC: reading.temperatureC, at: reading.recordedAt });
      } catch (error) {
        report(error, record);
        // A poison message would fail forever: drop it (it is reported) instead of retrying.
        if (!(error instanceof PoisonMessageError)) batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}

module.exports = { createHandler, handler: createHandler() };
