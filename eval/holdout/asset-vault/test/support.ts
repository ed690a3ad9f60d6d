import { resetAssets } from "@/lib/assets/store";
import { setReporter, type Level } from "@/lib/observability";

export const reports: Array<{ level: Level; error: Error }> = [];

export function fresh(): void {
  resetAssets();
  reports.length = 0;
  setReporter((level, error) => reports.push({ level, error }));
}

export const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

export function jsonRequest(method: string, path: string, body?: unknown): Request {
  return new Request(`https://assets.example.test${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
