const { buildApp } = require('../src/build-app');
const { serve } = require('../test-support/serve');

// The QR web app leaves `options` out for dishes that come in one size.
describe('an order line without options', () => {
  let app;
  let printed;
  beforeEach(async () => {
    printed = [];
    app = await serve(buildApp({ kitchen: { send: async (ticket) => printed.push(ticket) }, clock: () => new Date('2026-11-20T18:30:00Z') }));
  });
  afterEach(() => app.close());

  it('is priced at the dish size and sent to the kitchen', async () => {
    const res = await app.call('POST', '/restaurants/fennel-mitte/orders', {
      table: 'QR-7',
      lines: [{ dishId: 'D01', qty: 1, options: { size: 'regular', extras: [] } }, { dishId: 'D05', qty: 2 }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.body.total).toBe(15.3);
    expect(res.body.lines[1]).toMatchObject({ dishId: 'D05', qty: 2, size: 'regular', total: 7.8 });
    expect(printed).toHaveLength(1);
    expect(printed[0].lines.map((line) => line.name)).toEqual(['Charred leek soup', 'Cardamom bun']);
  });

  it('works for a salad ordered on its own', async () => {
    const res = await app.call('POST', '/restaurants/fennel-kreuzberg/orders', { lines: [{ dishId: 'D02' }] });
    expect(res.statusCode).toBe(201);
    expect(res.body.total).toBe(11.9);
  });
});
