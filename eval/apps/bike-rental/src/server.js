'use strict';

const http = require('node:http');
const { createFleet } = require('./fleet');
const { createRentals } = require('./rentals');

const STATUS = { NOT_FOUND: 404, INVALID: 400, CONFLICT: 409 };

function send(res, status, payload) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(payload));
}

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function createServer({ fleet = createFleet(), clock = () => new Date(), onError = console.error } = {}) {
  const rentals = createRentals(fleet, clock);

  return http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://pedalo');
      const riderId = req.headers['x-rider-id'];
      if (!riderId) return send(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first' } });

      if (req.method === 'GET' && pathname === '/stations') {
        return send(res, 200, { ok: true, value: [...fleet.stations.values()].map((s) => ({ id: s.id, name: s.name, bikes: s.docked.size, free: s.capacity - s.docked.size })) });
      }
      const json = req.method === 'POST' ? await body(req) : null;
      if (req.method === 'POST' && json === null) return send(res, 400, { ok: false, error: { code: 'INVALID', message: 'body must be JSON' } });

      let result;
      let match;
      if (req.method === 'POST' && pathname === '/trips') result = rentals.startTrip(riderId, json);
      else if (req.method === 'POST' && (match = /^\/trips\/([\w-]+)\/end$/.exec(pathname))) result = rentals.endTrip(riderId, match[1], json);
      else return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'no such route' } });

      if (!result.ok) return send(res, STATUS[result.error.code] ?? 400, result);
      return send(res, pathname === '/trips' ? 201 : 200, result);
    } catch (error) {
      onError(error, req);
      return send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'something went wrong' } });
    }
  });
}

module.exports = { createServer };
