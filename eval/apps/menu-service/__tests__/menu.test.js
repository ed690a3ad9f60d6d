const { buildApp } = require('../src/build-app');
const { serve } = require('../test-support/serve');

const kitchen = { send: async () => ({ printed: true }) };

describe('menu', () => {
  let app;
  beforeAll(async () => {
    app = await serve(buildApp({ kitchen }));
  });
  afterAll(() => app.close());

  it('lists dishes with their sizes and starting price', async () => {
    const res = await app.call('GET', '/restaurants/fennel-mitte/menu');
    const orzo = res.body.dishes.find((d) => d.id === 'D04');
    expect(orzo).toEqual({ id: 'D04', name: 'Mushroom orzo', sizes: ['small', 'regular'], from: 9.5 });
  });

  it('shows the week and upcoming exceptions', async () => {
    const res = await app.call('GET', '/restaurants/fennel-kreuzberg/hours?from=2026-12-25');
    const body = res.body;
    expect(body.week[1]).toEqual({ day: 'mon', open: 'closed' });
    expect(body.week[5]).toEqual({ day: 'fri', open: '11:30–23:00' });
    expect(body.exceptions).toEqual([{ day: '2026-12-31', open: '10:00–17:00' }]);
  });

  it('answers 404 for an unknown restaurant', async () => {
    const res = await app.call('GET', '/restaurants/nowhere/hours');
    expect(res.statusCode).toBe(404);
    expect(res.body).toEqual({ error: 'unknown restaurant' });
  });
});
