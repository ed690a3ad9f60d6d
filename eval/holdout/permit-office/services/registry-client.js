'use strict';

const http = require('node:http');
const { RegistryUnavailableError } = require('./errors');

/** National vehicle registry (internal mirror). Plates are normalised: upper case, no dashes. */
function normalisePlate(plate) {
  return String(plate).toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function createRegistryClient({ baseUrl, timeoutMs = 1500 }) {
  function get(path) {
    return new Promise((resolve, reject) => {
      const req = http.get(new URL(path, baseUrl), { timeout: timeoutMs }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, text }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('registry timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(new RegistryUnavailableError(`vehicle registry unreachable (${err.code})`, { cause: err })));
    });
  }

  return {
    /** The registered vehicle, or null when the registry has no such plate. */
    async findVehicle(plate) {
      const res = await get(`/vehicles/${encodeURIComponent(normalisePlate(plate))}`);
      if (res.status === 404) return null;
      if (res.status !== 200) throw new RegistryUnavailableError(`vehicle registry answered ${res.status}`);
      return JSON.parse(res.text);
    },
  };
}

module.exports = { createRegistryClient, normalisePlate };
