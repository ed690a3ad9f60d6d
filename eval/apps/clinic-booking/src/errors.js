'use strict';

class HttpError extends Error {
  constructor(status, message, details) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.details = details;
  }
}

// Conflicts and validation problems are still reported (at warning) so the front desk team can
// see which clients keep sending stale data.
function errorHandler({ reporter }) {
  // eslint-disable-next-line no-unused-vars
  return (err, req, res, next) => {
    const status = err instanceof HttpError ? err.status : 500;
    reporter.capture(err, { req, level: status >= 500 ? 'error' : 'warning' });
    const message = status >= 500 ? 'Something went wrong on our side' : err.message;
    res.status(status).json({ error: { status, message, ...(err.details ? { details: err.details } : {}) } });
  };
}

module.exports = { HttpError, errorHandler };
