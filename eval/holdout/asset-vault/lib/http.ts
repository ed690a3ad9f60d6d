import { report } from "@/lib/observability";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** Client errors the brand team wants to see on the dashboard, not only in the response. */
const WATCHED = new Set([413]);

export type Context<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: Context<P>) => Promise<Response>;

export function handler<P>(fn: Handler<P>): Handler<P> {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (error) {
      if (error instanceof HttpError) {
        if (WATCHED.has(error.status)) report("warning", error, request);
        return Response.json({ error: { message: error.message, ...error.details } }, { status: error.status });
      }
      report("error", error as Error, request);
      return Response.json({ error: { message: "Internal error" } }, { status: 500 });
    }
  };
}

export async function readJson(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new HttpError(400, "Body must be JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HttpError(400, "Body must be a JSON object");
  return body as Record<string, unknown>;
}
