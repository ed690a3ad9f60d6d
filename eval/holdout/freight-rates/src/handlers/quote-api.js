'use strict';

const defaults = require('../config/settings');
const { badRequest, httpHandler, respond } = require('../lib/http');
const { convert, formatMoney } = require('../pricing/money');
const { priceShipment } = require('../pricing/price-shipment');

/** GET /quotes?carrier=DHL&weightKg=2.4&zone=2&currency=GBP (API Gateway REST, proxy integration). */
function createHandler({ settings = defaults } = {}) {
  return httpHandler(async (event) => {
    const query = event.queryStringParameters || {};
    const carrier = String(query.carrier || '').toUpperCase();
    if (!settings.carriers[carrier]) {
      return badRequest(`carrier must be one of ${Object.keys(settings.carriers).join(', ')}`);
    }
    const weightKg = Number(query.weightKg);
    if (!(weightKg > 0)) return badRequest('weightKg must be a positive number');
    const zone = Number(query.zone || 1);
    if (!Number.isInteger(zone)) return badRequest('zone must be a whole number');

    const currency = (query.currency || settings.baseCurrency).toUpperCase();
    const price = priceShipment({ carrier, weightKg, zone }, settings);
    const total = convert(price.total, currency, settings.fx);
    return respond(200, {
      carrier,
      weightKg,
      zone,
      currency,
      total,
      display: formatMoney(total, currency),
    });
  });
}

module.exports = { createHandler, handler: createHandler() };
