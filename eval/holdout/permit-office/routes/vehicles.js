'use strict';

const { ZONES, yearlyPrice } = require('../services/pricing');

async function vehicleRoutes(app, { registry }) {
  // The price check on the city website, before anyone applies.
  app.get('/vehicles/:plate/prices', async (request, reply) => {
    const vehicle = await registry.findVehicle(request.params.plate);
    if (!vehicle) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `${request.params.plate} is not in the vehicle registry` });
    }
    return {
      plate: vehicle.plate,
      emissionClass: vehicle.emissionClass,
      prices: Object.fromEntries(Object.keys(ZONES).map((zone) => [zone, yearlyPrice(zone, vehicle.emissionClass)])),
    };
  });
}

module.exports = vehicleRoutes;
