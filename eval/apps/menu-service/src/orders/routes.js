const { priceLines, orderTotal } = require('./pricing');

async function orderRoutes(app, { data, kitchen, clock }) {
  const orders = [];

  app.post('/restaurants/:id/orders', async (request, reply) => {
    const restaurant = data.restaurants[request.params.id];
    if (!restaurant) return reply.code(404).send({ error: 'unknown restaurant' });
    const { table, lines } = request.body ?? {};
    if (!Array.isArray(lines) || lines.length === 0) return reply.code(400).send({ error: 'an order needs lines' });

    const priced = priceLines(lines, data);
    const order = { id: `O-${1000 + orders.length}`, restaurantId: restaurant.id, table: table ?? null, lines: priced, total: orderTotal(priced), placedAt: clock().toISOString() };
    await kitchen.send({ orderId: order.id, table: order.table, lines: priced.map(({ name, qty, size, extras, station }) => ({ name, qty, size, extras, station })) });
    orders.push(order);
    return reply.code(201).send(order);
  });

  app.get('/restaurants/:id/orders/:orderId', async (request, reply) => {
    const order = orders.find((o) => o.id === request.params.orderId && o.restaurantId === request.params.id);
    if (!order) return reply.code(404).send({ error: 'unknown order' });
    return order;
  });
}

module.exports = orderRoutes;
