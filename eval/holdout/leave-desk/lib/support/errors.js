'use strict';

class HttpError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = this.constructor.name;
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

class ValidationError extends HttpError {
  constructor(message, details) {
    super(422, 'validation_failed', message, details);
  }
}

class NotFoundError extends HttpError {
  constructor(message) {
    super(404, 'not_found', message);
  }
}

class ConflictError extends HttpError {
  constructor(message, details) {
    super(409, 'conflict', message, details);
  }
}

module.exports = { HttpError, ValidationError, NotFoundError, ConflictError };
