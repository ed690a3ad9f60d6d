'use strict';

const { httpError } = require('../lib/http-error');

async function bookRoutes(app, { catalogue }) {
  // Search by title; the branch kiosk also filters by author and format.
  app.get('/books', async (request) => {
    const { author, format } = request.query;
    const needle = request.query.q.trim().toLowerCase();
    const results = [...catalogue.items.values()].filter(
      (item) =>
        item.title.toLowerCase().includes(needle) &&
        (!author || item.author.toLowerCase() === String(author).toLowerCase()) &&
        (!format || item.format === format),
    );
    return { count: results.length, results };
  });

  app.get('/books/:id', async (request) => {
    const item = catalogue.items.get(request.params.id);
    if (!item) throw httpError(404, `No item ${request.params.id} in the catalogue`);
    const onLoan = [...catalogue.loans.values()].some((loan) => loan.itemId === item.id && !loan.returnedAt);
    return { ...item, available: !onLoan };
  });
}

module.exports = bookRoutes;
