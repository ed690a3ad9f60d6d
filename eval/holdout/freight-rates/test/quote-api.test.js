'use strict';

const { createHandler } = require('../src/handlers/quote-api');
const { apiEvent } = require('./events');

const handler = createHandler();
const call = async (query) => {
  const res = await handler(apiEvent(query), { awsRequestId: 'test' });
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('GET /quotes', () => {
  test('quotes in euros by default', async () => {
    expect(await call({ carrier: 'dhl', weightKg: '2', zone: '2' })).toEqual({
      status: 200,
      body: { carrier: 'DHL', weightKg: 2, zone: 2, currency: 'EUR', total: 12.08, display: '€12.08' },
    });
  });

  test('converts to the currency asked for', async () => {
    const { body } = await call({ carrier: 'UPS', weightKg: '5', zone: '1', currency: 'gbp' });
    expect(body).toMatchObject({ currency: 'GBP', total: 11.54, display: '£11.54' });
  });

  test('refuses unknown carriers and bad weights', async () => {
    expect(await call({ carrier: 'FEDEX', weightKg: '1' })).toEqual({ status: 400, body: { message: 'carrier must be one of DHL, UPS, DPD' } });
    expect((await call({ carrier: 'DHL', weightKg: '-1' })).status).toBe(400);
    expect((await call({ carrier: 'DHL' })).status).toBe(400);
  });
});
