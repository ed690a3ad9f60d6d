'use strict';

const { buildApp } = require('./app');
const { createMailer } = require('./services/mailer');
const { createRegistryClient } = require('./services/registry-client');
const { createStore } = require('./services/store');

const app = buildApp({
  registry: createRegistryClient({ baseUrl: process.env.REGISTRY_URL || 'http://registry-mirror.internal:8443' }),
  store: createStore(),
  mailer: createMailer({ send: async (message) => ({ messageId: `local-${Date.now()}`, message }) }),
  report: (error, request) => console.error(`${request.method} ${request.url}`, error),
});

app.listen({ port: Number(process.env.PORT) || 3000, host: '0.0.0.0' });
