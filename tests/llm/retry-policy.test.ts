import { describe, expect, it } from "vitest";
import { decideRetry, retryAfterMs } from "../../src/llm/retry-policy.ts";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });
const http = (status: number, extra: Partial<{ retryAfterMs: number | null; errorType: string | null; errorCode: string | null }> = {}) => ({
  kind: "http" as const,
  status,
  retryAfterMs: null,
  errorType: null,
  errorCode: null,
  message: "x",
  ...extra,
});

describe("retry policy", () => {
  it("reads retry-after as seconds, as an HTTP date, and retry-after-ms first", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(retryAfterMs(headers({ "retry-after": "Sat, 21 Nov 2026 10:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(headers({ "retry-after-ms": "150", "retry-after": "9" }), now)).toBe(150);
    expect(retryAfterMs(headers({ "retry-after": "soon" }), now)).toBeNull();
    expect(retryAfterMs(headers({}), now)).toBeNull();
  });

  it("waits the asked time for 429 and 529 when the deadline allows", () => {
    for (const status of [429, 529]) {
      expect(decideRetry({ failure: http(status, { retryAfterMs: 2000 }), attempt: 1, maxAttempts: 4, now: 0, deadline: 10_000, random: 0 })).toEqual({ retry: true, waitMs: 2000 });
    }
  });

  it("backs off exponentially with jitter when no retry-after is given", () => {
    const wait = (attempt: number, random: number) => decideRetry({ failure: http(503), attempt, maxAttempts: 9, now: 0, deadline: 1e9, random });
    expect(wait(1, 0)).toEqual({ retry: true, waitMs: 500 });
    expect(wait(3, 0)).toEqual({ retry: true, waitMs: 2000 });
    expect(wait(8, 0)).toEqual({ retry: true, waitMs: 8000 });
    expect(wait(1, 1)).toEqual({ retry: true, waitMs: 375 });
  });

  it("stops at the attempt limit and when the wait would end past the deadline", () => {
    expect(decideRetry({ failure: { kind: "timeout" }, attempt: 3, maxAttempts: 3, now: 0, deadline: 1e9, random: 0 })).toMatchObject({ retry: false, code: "LLM_UNAVAILABLE", failure: "timeout" });
    expect(decideRetry({ failure: http(429, { retryAfterMs: 60_000 }), attempt: 1, maxAttempts: 4, now: 0, deadline: 30_000, random: 0 })).toMatchObject({ retry: false, code: "LLM_UNAVAILABLE", failure: "rate_limited" });
  });

  it("never retries what waiting cannot fix", () => {
    for (const [failure, kind] of [
      [http(400), "invalid_request"],
      [http(401), "authentication"],
      [http(403), "authentication"],
      [http(429, { errorCode: "enforced_spend_limit_reached" }), "spend_limit"],
    ] as const) {
      expect(decideRetry({ failure, attempt: 1, maxAttempts: 4, now: 0, deadline: 1e9, random: 0 })).toMatchObject({ retry: false, code: "LLM_REJECTED", failure: kind });
    }
  });
});
