'use strict';

const fastify = require('fastify');
const defaultConfig = require('./config');
const { createCatalogue } = require('./lib/catalogue');

function buildApp({ catalogue = createCatalogue(), config = defaultConfig, clock = () => new Date(), onError } = {}) {
  const app = fastify({ logger: false });
  app.setErrorHandler((error, request, reply) => {
    if (!error.statusCode || error.statusCode >= 500) {
      if (onError) onError(error, request);
      else request.log.error(error);
    }
    reply.send(error);
  });
  const deps = { catalogue, config, clock };
  app.register(require('./routes/books'), deps);
  app.register(require('./routes/loans'), deps);
  app.register(require('./routes/members'), deps);
  return app;
}

module.exports = { buildApp };
