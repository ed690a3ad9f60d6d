'use strict';

const { createHandler } = require('../src/handlers/quote-api');
const { apiEvent } = require('./events');

const handler = createHandler();
const call = async (query) => {
  const res = await handler(apiEvent(query), { awsRequestId: 'test' });
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('a currency that is not an ISO code', () => {
  test.each(['EURO', '€', 'US$', 'Pound'])('%s is refused with a 400', async (currency) => {
    const { status, body } = await call({ carrier: 'DHL', weightKg: '2', zone: '2', currency });
    expect(status).toBe(400);
    expect(typeof body.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/NaN|undefined/);
  });

  test('real currencies are still quoted', async () => {
    const { status, body } = await call({ carrier: 'DHL', weightKg: '2', zone: '2', currency: 'chf' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ currency: 'CHF', total: 11.35 });
    expect(body.display).toMatch(/CHF\s?11\.35/);
  });
});
