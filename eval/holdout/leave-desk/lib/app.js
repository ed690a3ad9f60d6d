'use strict';

const express = require('express');
const { errorMiddleware } = require('./http/error-middleware');
const { leaveRoutes } = require('./http/leave-routes');
const { teamRoutes } = require('./http/team-routes');

function createApp(container) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.get('/health', (req, res) => res.json({ ok: true }));
  app.use('/v1', leaveRoutes(container));
  app.use('/v1', teamRoutes(container));
  app.use((req, res) => res.status(404).json({ error: { code: 'not_found', message: `No route ${req.method} ${req.path}` } }));
  app.use(errorMiddleware(container.reporter));
  return app;
}

module.exports = { createApp };
