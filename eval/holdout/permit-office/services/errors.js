'use strict';

const STATUS_TEXT = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity', 503: 'Service Unavailable' };

/** Fastify sends { statusCode, error, message } for errors that carry a statusCode. */
class PermitError extends Error {
  constructor(statusCode, message) {
    super(message);
    this.name = 'PermitError';
    this.statusCode = statusCode;
    this.error = STATUS_TEXT[statusCode];
  }
}

class RegistryUnavailableError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'RegistryUnavailableError';
  }
}

module.exports = { PermitError, RegistryUnavailableError, STATUS_TEXT };
