'use strict';

const express = require('express');
const { errorHandler } = require('./errors');
const { createStore } = require('./store');
const { vetsRouter } = require('./routes/vets');
const { petsRouter } = require('./routes/pets');
const { appointmentsRouter } = require('./routes/appointments');

const consoleReporter = {
  capture(err, { req, level }) {
    console.error(JSON.stringify({ level, method: req.method, url: req.originalUrl, error: err.stack }));
  },
};

function createApp({ store = createStore(), reporter = consoleReporter } = {}) {
  const app = express();
  app.use(express.json());
  app.get('/healthz', (req, res) => res.json({ ok: true }));
  app.use('/vets', vetsRouter(store));
  app.use('/pets', petsRouter(store));
  app.use('/appointments', appointmentsRouter(store));
  app.use(errorHandler({ reporter }));
  return app;
}

module.exports = { createApp };
