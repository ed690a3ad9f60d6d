'use strict';

// Express 4 does not forward rejected promises to the error middleware by itself.
function asyncRoute(handler) {
  return (req, res, next) => {
    Promise.resolve(handler(req, res, next)).catch(next);
  };
}

module.exports = { asyncRoute };
