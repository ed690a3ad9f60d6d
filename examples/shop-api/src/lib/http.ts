// Response helpers shared by every route, so errors look the same to clients everywhere.

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function notFound(what: string): Response {
  return json({ error: "not_found", message: `${what} not found` }, 404);
}

export function badRequest(message: string): Response {
  return json({ error: "bad_request", message }, 400);
}

export function unprocessable(message: string): Response {
  return json({ error: "unprocessable", message }, 422);
}

/** Parses a JSON request body; a malformed body is the client's fault, so it becomes a 400. */
export async function readJson<T>(request: Request): Promise<T> {
  const text = await request.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new HttpError(400, "bad_request", "request body is not valid JSON");
  }
}
