'use strict';

const { createServer } = require('./src/server');
const { createFleet } = require('./src/fleet');

// Starts the API on a free port with a controllable clock.
async function startPedalo(now = '2026-11-21T08:00:00Z') {
  const fleet = createFleet();
  const clock = { now: new Date(now) };
  const errors = [];
  const server = createServer({ fleet, clock: () => clock.now, onError: (error) => errors.push(error) });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    fleet,
    clock,
    errors,
    async post(path, rider, payload) {
      const res = await fetch(base + path, { method: 'POST', headers: { 'x-rider-id': rider, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      return { status: res.status, body: await res.json() };
    },
    async get(path, rider) {
      const res = await fetch(base + path, { headers: { 'x-rider-id': rider } });
      return { status: res.status, body: await res.json() };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startPedalo };
