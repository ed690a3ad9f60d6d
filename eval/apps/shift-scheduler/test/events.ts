import type { ApiEvent } from "../src/lib/api";

export function apiEvent(method: string, path: string, pathParameters: Record<string, string>, body: unknown, employeeId?: string): ApiEvent {
  return {
    httpMethod: method,
    path,
    pathParameters,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: "req-test", authorizer: employeeId ? { claims: { "custom:employeeId": employeeId } } : undefined },
  };
}
