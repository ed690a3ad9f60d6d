const Fastify = require('fastify');
const data = require('./menu/data');

function buildApp({ kitchen, report = () => {}, clock = () => new Date() }) {
  const app = Fastify();
  app.setErrorHandler((error, request, reply) => {
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.message });
    }
    report(error, request);
    return reply.code(500).send({ error: 'internal error' });
  });
  app.register(require('./menu/routes'), { data });
  app.register(require('./orders/routes'), { data, kitchen, clock });
  return app;
}

module.exports = { buildApp };
