const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

async function menuRoutes(app, { data }) {
  app.get('/restaurants/:id/menu', async (request, reply) => {
    const restaurant = data.restaurants[request.params.id];
    if (!restaurant) return reply.code(404).send({ error: 'unknown restaurant' });
    const dishes = Object.values(data.dishes).map((dish) => ({ id: dish.id, name: dish.name, sizes: Object.keys(dish.prices), from: Math.min(...Object.values(dish.prices)) }));
    return { restaurant: restaurant.name, dishes, extras: data.extras };
  });

  // Shown on the QR landing page and used by the POS to warn before closing time.
  app.get('/restaurants/:id/hours', async (request, reply) => {
    const restaurant = data.restaurants[request.params.id];
    if (!restaurant) return reply.code(404).send({ error: 'unknown restaurant' });
    const { weekly, exceptions } = restaurant.hours;
    const upcoming = Object.keys(exceptions)
      .filter((day) => !request.query.from || day >= request.query.from)
      .sort()
      .map((day) => ({ day, open: exceptions[day] ? exceptions[day].join('–') : 'closed' }));
    const week = DAYS.map((day) => ({ day, open: weekly[day] ? weekly[day].join('–') : 'closed' }));
    return { restaurant: restaurant.name, week, exceptions: upcoming };
  });
}

module.exports = menuRoutes;
