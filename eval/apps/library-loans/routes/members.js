'use strict';

const { httpError } = require('../lib/http-error');
const { previewFees, formatPence } = require('../lib/fees');

async function memberRoutes(app, { catalogue, config, clock }) {
  app.get('/members/:id/loans', async (request) => {
    const member = catalogue.members.get(request.params.id);
    if (!member) throw httpError(404, `No member ${request.params.id}`);
    const loans = [...catalogue.loans.values()].filter((loan) => loan.memberId === member.id && !loan.returnedAt);
    const owed = previewFees(member, loans, clock().toISOString(), config);
    return { member: member.name, loans, owedIfReturnedToday: formatPence(owed) };
  });
}

module.exports = memberRoutes;
