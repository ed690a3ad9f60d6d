import type { HttpEvent, HttpResult } from "./http.ts";
import { json } from "./http.ts";

export type Reporter = (error: unknown, event: HttpEvent) => void;

let reporter: Reporter = (error, event) => console.error(JSON.stringify({ requestId: event.requestContext.requestId, error: String((error as Error)?.stack ?? error) }));

export function setReporter(next: Reporter): void {
  reporter = next;
}

/** Unhandled errors become a 500 and are reported with the request they happened in. */
export function withReporting(handler: (event: HttpEvent) => Promise<HttpResult>) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      return await handler(event);
    } catch (error) {
      reporter(error, event);
      return json(500, { message: "Internal error" });
    }
  };
}
