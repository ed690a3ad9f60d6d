'use strict';

const Fastify = require('fastify');
const { PermitService } = require('./services/permit-service');
const { RegistryUnavailableError } = require('./services/errors');
const applicationRoutes = require('./routes/applications');
const vehicleRoutes = require('./routes/vehicles');

function buildApp({ registry, store, mailer, today, report = () => {} }) {
  const app = Fastify({ logger: false });
  const service = new PermitService({ registry, store, mailer, today });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RegistryUnavailableError) {
      report(error, request);
      return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'The vehicle registry is not answering; try again in a few minutes' });
    }
    if (error.validation) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.error, message: error.message });
    report(error, request);
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' });
  });

  app.register(applicationRoutes, { service });
  app.register(vehicleRoutes, { registry });
  return app;
}

module.exports = { buildApp };
