'use strict';

const { createApp } = require('../src/app');
const { createStore } = require('../src/store');

async function startClinic() {
  const store = createStore();
  const reported = [];
  const app = createApp({ store, reporter: { capture: (err, meta) => reported.push({ err, level: meta.level }) } });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  async function call(method, path, body) {
    const response = await fetch(base + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return { store, reported, call, close: () => new Promise((resolve) => server.close(resolve)) };
}

module.exports = { startClinic };
