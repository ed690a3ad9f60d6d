'use strict';

const http = require('node:http');
const { buildApp } = require('../app');
const { createMailer } = require('../services/mailer');
const { createRegistryClient } = require('../services/registry-client');
const { createStore } = require('../services/store');

const VEHICLES = {
  HX482K: { plate: 'HX482K', emissionClass: 'euro6', ownerId: 'R1000001' },
  EV901T: { plate: 'EV901T', emissionClass: 'zero', ownerId: 'R1000002' },
  LS77PQ: { plate: 'LS77PQ', emissionClass: 'euro4', ownerId: 'R1000003', leaseHolderId: 'R1000004' },
};

async function startRegistry(vehicles = VEHICLES) {
  const server = http.createServer((req, res) => {
    const plate = decodeURIComponent(req.url.split('/')[2] || '');
    const vehicle = vehicles[plate];
    res.writeHead(vehicle ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(vehicle || { error: 'not found' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

async function setup({ today = '2026-11-20' } = {}) {
  const registryServer = await startRegistry();
  const sent = [];
  const reported = [];
  const store = createStore();
  const app = buildApp({
    registry: createRegistryClient({ baseUrl: registryServer.url }),
    store,
    mailer: createMailer({ send: async (message) => { sent.push(message); return { messageId: `msg-${sent.length}` }; } }),
    today: () => today,
    report: (error) => reported.push(error),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${app.server.address().port}`;
  // Real requests: fastify's inject pulls an ESM-only dependency that jest cannot load on Node 20.
  const request = async (method, url, body) => {
    const res = await fetch(base + url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { statusCode: res.status, json: () => JSON.parse(text) };
  };
  const apply = (body) => request('POST', '/applications', body);
  return {
    app,
    request,
    store,
    sent,
    reported,
    apply,
    close: async () => {
      await app.close();
      await registryServer.close();
    },
  };
}

module.exports = { setup, startRegistry, VEHICLES };
