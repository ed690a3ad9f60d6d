'use strict';

let n = 0;

function sqsRecord(body, attributes = {}) {
  n += 1;
  const messageAttributes = Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, { stringValue: value, dataType: 'String' }]));
  return { messageId: `msg-${n}`, body: typeof body === 'string' ? body : JSON.stringify(body), messageAttributes, eventSource: 'aws:sqs' };
}

module.exports = { sqsRecord };
