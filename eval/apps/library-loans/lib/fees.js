'use strict';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysLate(dueAt, returnedAt) {
  const late = Math.floor((Date.parse(returnedAt) - Date.parse(dueAt)) / DAY_MS);
  return Math.max(0, late);
}

// What the member would owe if everything on loan came back today (shown in the app).
function previewFees(member, loans, now, config) {
  const fee = config.fees[member.tier] ?? config.fees.standard;
  return loans.reduce((total, loan) => total + Math.min(fee.perDay * daysLate(loan.dueAt, now), fee.cap), 0);
}

function lateFee(member, loan, returnedAt, config) {
  const days = daysLate(loan.dueAt, returnedAt);
  if (days === 0) return 0;
  const fee = config.fees[member.tier];
  const amount = fee.perDay * days;
  return Math.min(amount, fee.cap);
}

function formatPence(pence) {
  return `£${(pence / 100).toFixed(2)}`;
}

module.exports = { daysLate, previewFees, lateFee, formatPence };
