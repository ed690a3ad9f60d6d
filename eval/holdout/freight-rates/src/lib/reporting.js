'use strict';

let sink = (error, context) => {
  console.error(JSON.stringify({ level: 'error', message: error.message, stack: error.stack, requestId: context && context.awsRequestId }));
};

function setErrorSink(next) {
  sink = next;
}

/** Reports an error that escapes a handler, then lets the runtime see it as it would. */
function withReporting(handler) {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } catch (error) {
      sink(error, context, event);
      throw error;
    }
  };
}

module.exports = { setErrorSink, withReporting };
