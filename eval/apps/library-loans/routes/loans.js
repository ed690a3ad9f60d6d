'use strict';

const { httpError } = require('../lib/http-error');
const { lateFee, formatPence } = require('../lib/fees');

async function loanRoutes(app, { catalogue, config, clock }) {
  app.post('/loans', async (request, reply) => {
    const { memberId, itemId } = request.body ?? {};
    const member = catalogue.members.get(memberId);
    if (!member) throw httpError(404, `No member ${memberId}`);
    const item = catalogue.items.get(itemId);
    if (!item) throw httpError(404, `No item ${itemId} in the catalogue`);
    const active = [...catalogue.loans.values()].filter((loan) => !loan.returnedAt);
    if (active.some((loan) => loan.itemId === itemId)) throw httpError(409, `${item.title} is already on loan`);
    if (active.filter((loan) => loan.memberId === memberId).length >= config.maxLoans) {
      throw httpError(422, `Loan limit of ${config.maxLoans} reached`);
    }
    const now = clock();
    const loan = {
      id: catalogue.newLoanId(),
      memberId,
      itemId,
      borrowedAt: now.toISOString(),
      dueAt: new Date(now.getTime() + config.loanDays[item.format] * 86400000).toISOString(),
      returnedAt: null,
    };
    catalogue.loans.set(loan.id, loan);
    reply.code(201);
    return loan;
  });

  app.post('/loans/:id/return', async (request) => {
    const loan = catalogue.loans.get(request.params.id);
    if (!loan) throw httpError(404, `No loan ${request.params.id}`);
    if (loan.returnedAt) throw httpError(409, 'Already returned');
    const member = catalogue.members.get(loan.memberId);
    const returnedAt = clock().toISOString();
    const fee = lateFee(member, loan, returnedAt, config);
    loan.returnedAt = returnedAt;
    loan.fee = fee;
    return { ...loan, feeDisplay: formatPence(fee) };
  });
}

module.exports = loanRoutes;
