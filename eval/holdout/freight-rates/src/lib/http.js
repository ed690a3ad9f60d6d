'use strict';

const { withReporting } = require('./reporting');

function respond(statusCode, body) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

const badRequest = (message) => respond(400, { message });

/** API Gateway (REST, proxy integration) handler: a crash becomes a 500 after it is reported. */
function httpHandler(fn) {
  const reported = withReporting(fn);
  return async (event, context) => {
    try {
      return await reported(event, context);
    } catch {
      return respond(500, { message: 'Internal Server Error' });
    }
  };
}

module.exports = { respond, badRequest, httpHandler };
