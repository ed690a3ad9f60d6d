const { buildApp } = require('../src/build-app');
const { serve } = require('../test-support/serve');

describe('opening hours of a restaurant without holiday exceptions', () => {
  let app;
  beforeAll(async () => {
    app = await serve(buildApp({ kitchen: { send: async () => ({}) } }));
  });
  afterAll(() => app.close());

  it('shows the week and no exceptions', async () => {
    const res = await app.call('GET', '/restaurants/fennel-mitte/hours?from=2026-11-20');
    expect(res.statusCode).toBe(200);
    expect(res.body.restaurant).toBe('Fennel & Fig Mitte');
    expect(res.body.week).toHaveLength(7);
    expect(res.body.week[0]).toEqual({ day: 'sun', open: 'closed' });
    expect(res.body.week[4]).toEqual({ day: 'thu', open: '11:30–22:00' });
    expect(res.body.exceptions).toEqual([]);
  });
});
