'use strict';

const { HttpError } = require('../support/errors');

// Conflicts are reported too: the people team watches how often requests collide.
const REPORTED_CLIENT_ERRORS = new Set([409]);

function errorMiddleware(reporter) {
  // eslint-disable-next-line no-unused-vars
  return (err, req, res, next) => {
    if (err instanceof HttpError) {
      if (REPORTED_CLIENT_ERRORS.has(err.status)) reporter.warn(err, { req, status: err.status });
      res.status(err.status).json({ error: { code: err.code, message: err.message, details: err.details } });
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_json', message: 'Body is not valid JSON' } });
      return;
    }
    reporter.error(err, { req, status: 500 });
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong' } });
  };
}

module.exports = { errorMiddleware };
