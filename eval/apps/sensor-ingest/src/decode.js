'use strict';

const { celsius } = require('./units');

class PoisonMessageError extends Error {
  constructor(message, record) {
    super(message);
    this.name = 'PoisonMessageError';
    this.messageId = record.messageId;
  }
}

// Who sent a record, for the dead-letter log. Devices on the LoRa bridge put their firmware in
// the body (`fw`) because the bridge cannot set message attributes.
function deviceMeta(record, body) {
  return {
    deviceId: record.messageAttributes.deviceId?.stringValue ?? body.dev,
    firmware: record.messageAttributes.firmware?.stringValue ?? body.fw,
  };
}

function decodeRecord(record) {
  let body;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('body is not JSON', record);
  }
  const deviceId = record.messageAttributes.deviceId?.stringValue ?? body.dev;
  const firmware = record.messageAttributes.firmware.stringValue;
  const [lat, lon] = body.location;
  return {
    deviceId,
    firmware,
    recordedAt: new Date(body.ts * 1000).toISOString(),
    temperatureC: celsius(body.t, firmware),
    humidityPct: body.h ?? null,
    lat,
    lon,
  };
}

module.exports = { decodeRecord, deviceMeta, PoisonMessageError };
