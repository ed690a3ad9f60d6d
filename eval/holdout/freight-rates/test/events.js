'use strict';

function sqsEvent(bookings) {
  return {
    Records: bookings.map((booking, i) => ({
      messageId: `msg-${i + 1}`,
      receiptHandle: `rh-${i + 1}`,
      body: typeof booking === 'string' ? booking : JSON.stringify(booking),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(1795000000000 + i) },
      messageAttributes: {},
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:bookings',
      awsRegion: 'eu-central-1',
    })),
  };
}

function apiEvent(query) {
  return {
    resource: '/quotes',
    path: '/quotes',
    httpMethod: 'GET',
    headers: { accept: 'application/json' },
    queryStringParameters: query,
    requestContext: { stage: 'prod', requestId: 'req-1' },
    body: null,
    isBase64Encoded: false,
  };
}

module.exports = { sqsEvent, apiEvent };
