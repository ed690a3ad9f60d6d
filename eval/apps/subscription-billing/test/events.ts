import type { HttpEvent } from "../src/lib/http.ts";

let counter = 0;

export function httpEvent(method: string, path: string, body?: unknown, query?: Record<string, string>): HttpEvent {
  counter += 1;
  return {
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : "",
    queryStringParameters: query,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: `test-${counter}`, http: { method, path } },
  };
}
