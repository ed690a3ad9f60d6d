'use strict';

const { PermitError } = require('../services/errors');

const APPLICATION_SCHEMA = {
  body: {
    type: 'object',
    required: ['residentId', 'plate', 'zone', 'email'],
    properties: {
      residentId: { type: 'string', pattern: '^R[0-9]{7}$' },
      plate: { type: 'string', minLength: 4, maxLength: 12 },
      zone: { type: 'string' },
      email: { type: 'string', minLength: 3 },
    },
  },
};

async function applicationRoutes(app, { service }) {
  app.post('/applications', { schema: APPLICATION_SCHEMA }, async (request, reply) => {
    const permit = await service.apply(request.body);
    return reply.code(201).send(permit);
  });

  app.get('/permits/:id', async (request) => {
    const permit = service.store.getPermit(request.params.id);
    if (!permit) throw new PermitError(404, `no permit ${request.params.id}`);
    return permit;
  });

  app.post('/permits/:id/renew', async (request, reply) => {
    const permit = await service.renew(request.params.id);
    return reply.code(201).send(permit);
  });
}

module.exports = applicationRoutes;
