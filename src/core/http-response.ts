// What every HTTP entry point answers with: JSON bodies, and one error type that carries the
// status and headers a refusal needs. Error messages are for the caller; stacks never are.

/** A refusal with its status: thrown inside a handler, turned into a JSON answer at its edge. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** The JSON answer for an HttpError: its status, its headers, and `{ error: message }`. */
export function httpErrorResponse(error: HttpError): Response {
  return jsonResponse(error.status, { error: error.message }, error.headers);
}
