function roundCents(value) {
  return Math.round(value * 100) / 100;
}

class PricingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PricingError';
    this.statusCode = 422;
  }
}

// Lines arrive from the POS as { dishId, qty, options: { size, extras } }.
function priceLines(lines, data) {
  return lines.map(({ dishId, qty = 1, options: { size, extras = [] } }) => {
    const dish = data.dishes[dishId];
    if (!dish) throw new PricingError(`unknown dish ${dishId}`);
    const base = dish.prices[size];
    if (base === undefined) throw new PricingError(`${dish.name} has no size ${size}`);
    const extrasTotal = extras.reduce((sum, extra) => sum + (data.extras[extra] ?? 0), 0);
    return { dishId, name: dish.name, station: dish.station, qty, size, extras, total: roundCents((base + extrasTotal) * qty) };
  });
}

function orderTotal(priced) {
  return roundCents(priced.reduce((sum, line) => sum + line.total, 0));
}

module.exports = { priceLines, orderTotal, PricingError };
