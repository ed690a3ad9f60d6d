'use strict';

const { createApp } = require('../lib/app');
const { createContainer } = require('../lib/container');

async function startApp(options = {}) {
  const reported = [];
  const reporter = {
    warn: (error) => reported.push({ level: 'warning', error }),
    error: (error) => reported.push({ level: 'error', error }),
  };
  const container = createContainer({ reporter, ...options });
  const server = createApp(container).listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;

  async function call(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  return {
    container,
    reported,
    call,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

module.exports = { startApp };
