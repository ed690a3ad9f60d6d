// API Gateway REST API (v1) proxy events, as much of them as these handlers read.
export interface ApiEvent {
  httpMethod: string;
  path: string;
  pathParameters: Record<string, string> | null;
  headers: Record<string, string>;
  body: string | null;
  isBase64Encoded: boolean;
  requestContext: { requestId: string; authorizer?: { claims?: Record<string, string> } };
}

export interface ApiResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

export const respond = (statusCode: number, payload: unknown): ApiResult => ({
  statusCode,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(payload),
});

/** Since the badge-photo upload, the API has binary media types and bodies may arrive base64-encoded. */
export function parseBody<T>(event: ApiEvent): T | null {
  if (!event.body) return null;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
