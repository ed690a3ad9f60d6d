export class NotFoundError extends Error {
  constructor(what, id) {
    super(`${what} ${id} does not exist`);
    this.name = 'NotFoundError';
    this.statusCode = 404;
  }
}

export class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValidationError';
    this.statusCode = 400;
  }
}

export function errorMiddleware(logger) {
  // Express recognises error middleware by its four parameters.
  // eslint-disable-next-line no-unused-vars
  return (err, req, res, next) => {
    const statusCode = err.statusCode ?? 500;
    if (statusCode >= 500) logger.error({ err, req }, 'request failed');
    res.status(statusCode).json({ message: statusCode >= 500 ? 'Internal error' : err.message });
  };
}
