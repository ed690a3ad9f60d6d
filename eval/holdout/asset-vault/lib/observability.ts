export type Level = "warning" | "error";
export type Reporter = (level: Level, error: Error, request: Request) => void;

let reporter: Reporter = (level, error, request) => {
  console[level === "error" ? "error" : "warn"](`[${level}] ${request.method} ${request.url}`, error);
};

/** Swapped at boot for the error tracker's client, and in tests for a recorder. */
export function setReporter(next: Reporter): void {
  reporter = next;
}

export function report(level: Level, error: Error, request: Request): void {
  reporter(level, error, request);
}
