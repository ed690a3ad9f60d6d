'use strict';

const { ValidationError } = require('./errors');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// Small rule set instead of a schema library: the mobile app only ever sends flat objects.
const rules = {
  string: (value) => typeof value === 'string' && value.trim() !== '',
  optionalString: (value) => value === undefined || typeof value === 'string',
  day: (value) => typeof value === 'string' && ISO_DAY.test(value) && !Number.isNaN(Date.parse(value)),
  boolean: (value) => value === undefined || typeof value === 'boolean',
};

function check(input, shape) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError('Expected a JSON object');
  }
  const problems = [];
  for (const [field, rule] of Object.entries(shape)) {
    if (!rules[rule](input[field])) problems.push({ field, rule });
  }
  if (problems.length > 0) {
    throw new ValidationError(`Invalid ${problems.map((p) => p.field).join(', ')}`, problems);
  }
  const picked = {};
  for (const field of Object.keys(shape)) {
    if (input[field] !== undefined) picked[field] = input[field];
  }
  return picked;
}

module.exports = { check };
