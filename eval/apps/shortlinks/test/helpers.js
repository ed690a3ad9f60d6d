'use strict';

const { createServer } = require('../lib/server');

async function startShortlinks(now = '2026-11-19T10:00:00Z') {
  const clock = { now: new Date(now) };
  const errors = [];
  const { server, store } = createServer({ clock: () => clock.now, onError: (error) => errors.push(error) });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    clock,
    store,
    errors,
    async call(method, path, body) {
      const res = await fetch(base + path, { method, redirect: 'manual', body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, location: res.headers.get('location'), body: text ? JSON.parse(text) : null };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startShortlinks };
