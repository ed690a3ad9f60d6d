'use strict';

const http = require('http');
const { createApp } = require('../server/app');
const { createDb } = require('../server/db');
const fixtures = require('../server/fixtures');

async function start() {
  const errors = [];
  const app = createApp({
    db: createDb(fixtures),
    now: () => new Date('2026-11-16T09:00:00Z'),
    onError: (err) => errors.push(err),
  });
  const server = http.createServer(app.callback());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    errors,
    request: (path, init) => fetch(base + path, init),
    json: async (path, init) => {
      const res = await fetch(base + path, init);
      return { status: res.status, body: await res.json() };
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { start };
