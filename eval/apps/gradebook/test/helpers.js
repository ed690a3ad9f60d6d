'use strict';

const { createApp } = require('../src/app');

async function start(options = {}) {
  const errors = [];
  const server = createApp({ ...options, onError: (err) => errors.push(err) }).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    errors,
    async get(path) {
      const res = await fetch(base + path);
      return { status: res.status, body: await res.json() };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { start };
