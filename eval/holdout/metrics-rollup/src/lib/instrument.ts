export type ErrorSink = (error: Error, event: unknown) => void;

let sink: ErrorSink = (error) => console.error(JSON.stringify({ level: "error", message: error.message, stack: error.stack }));

export function setErrorSink(next: ErrorSink): void {
  sink = next;
}

/** Reports what escapes a handler, then rethrows so Lambda's retry policy still applies. */
export function instrument<E, R>(handler: (event: E) => Promise<R>): (event: E) => Promise<R> {
  return async (event) => {
    try {
      return await handler(event);
    } catch (error) {
      sink(error as Error, event);
      throw error;
    }
  };
}
