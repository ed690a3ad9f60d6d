'use strict';

const formatters = new Map();

/** Formats an amount for the quote widget, caching one formatter per currency. */
function formatMoney(amount, currency, locale = 'en-GB') {
  const key = `${locale}:${currency}`;
  if (!formatters.has(key)) {
    formatters.set(key, new Intl.NumberFormat(locale, { style: 'currency', currency }));
  }
  return formatters.get(key).format(amount);
}

function convert(amountEur, currency, fx) {
  return Math.round(amountEur * fx[currency] * 100) / 100;
}

module.exports = { formatMoney, convert };
