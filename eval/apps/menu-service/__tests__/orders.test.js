const { buildApp } = require('../src/build-app');
const { priceLines } = require('../src/orders/pricing');
const data = require('../src/menu/data');
const { serve } = require('../test-support/serve');

describe('orders', () => {
  let app;
  let printed;
  beforeEach(async () => {
    printed = [];
    app = await serve(buildApp({ kitchen: { send: async (ticket) => printed.push(ticket) }, clock: () => new Date('2026-11-20T18:30:00Z') }));
  });
  afterEach(() => app.close());

  it('prices sizes, extras and quantities', () => {
    const priced = priceLines([{ dishId: 'D03', qty: 2, options: { size: 'large', extras: ['feta', 'extra-bread'] } }], data);
    expect(priced[0].total).toBe(44.4);
  });

  it('places an order and prints it in the kitchen', async () => {
    const res = await app.call('POST', '/restaurants/fennel-kreuzberg/orders', {
      table: '12',
      lines: [{ dishId: 'D01', options: { size: 'regular' } }, { dishId: 'D05', qty: 3, options: { size: 'regular' } }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.body.total).toBe(19.2);
    expect(printed[0].lines.map((l) => l.station)).toEqual(['hot', 'pastry']);
  });

  it('rejects a size a dish does not come in', async () => {
    const res = await app.call('POST', '/restaurants/fennel-mitte/orders', { lines: [{ dishId: 'D02', options: { size: 'large' } }] });
    expect(res.statusCode).toBe(422);
    expect(res.body.error).toBe('Fig & burrata salad has no size large');
  });

  it('rejects an empty order', async () => {
    const res = await app.call('POST', '/restaurants/fennel-mitte/orders', { lines: [] });
    expect(res.statusCode).toBe(400);
  });
});
