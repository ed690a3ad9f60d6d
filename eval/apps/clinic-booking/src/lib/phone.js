'use strict';

// Front desk staff type numbers in every format imaginable; we store E.164-ish digits.
function normalizePhone(raw) {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+49${digits.slice(1)}`;
  return digits;
}

module.exports = { normalizePhone };
