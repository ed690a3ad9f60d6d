import type { LlmErrorCode, LlmFailure } from "./llm.ts";

// Which failed model calls are worth repeating, and after how long. Pure: the adapter feeds it
// what happened and the clock, and it answers "wait this long" or "stop, with this code".
//
// The API documents 429 rate_limit_error (wait as long as retry-after says), 529 overloaded_error
// (back off; use retry-after when present) and 5xx as transient. A 429 whose
// error.details.error_code is `enforced_spend_limit_reached` lasts until the next billing month,
// so retrying it only burns the cycle: it is a rejection, like 400/401/403.

export type CallFailure =
  | { kind: "timeout" }
  | { kind: "network"; message: string }
  | { kind: "http"; status: number; retryAfterMs: number | null; errorType: string | null; errorCode: string | null; message: string };

export type RetryDecision =
  | { retry: true; waitMs: number }
  | { retry: false; code: LlmErrorCode; failure: LlmFailure; message: string };

/** Backoff without a retry-after header: 0.5 s doubling to 8 s, minus up to 25 % jitter. */
export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/** An attempt needs some time to be worth starting. */
export const MIN_ATTEMPT_MS = 1_000;

export function decideRetry(input: {
  failure: CallFailure;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  now: number;
  deadline: number;
  random: number;
}): RetryDecision {
  const { failure, attempt } = input;
  const transient = classify(failure);
  if (transient.code === "LLM_REJECTED") return { retry: false, ...transient };
  if (attempt >= input.maxAttempts) {
    return { retry: false, ...transient, message: `${transient.message}; gave up after ${attempt} attempts` };
  }
  const asked = failure.kind === "http" ? failure.retryAfterMs : null;
  const backoff = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (attempt - 1)) * (1 - 0.25 * clamp01(input.random));
  const waitMs = asked !== null && asked >= 0 ? asked : backoff;
  if (input.now + waitMs + MIN_ATTEMPT_MS > input.deadline) {
    const wait = asked !== null ? `the API asked to retry after ${Math.ceil(waitMs / 1000)} s` : "no time is left for another attempt";
    return { retry: false, ...transient, message: `${transient.message}; ${wait}, past the cycle's deadline` };
  }
  return { retry: true, waitMs };
}

function classify(failure: CallFailure): { code: LlmErrorCode; failure: LlmFailure; message: string } {
  if (failure.kind === "timeout") return { code: "LLM_UNAVAILABLE", failure: "timeout", message: "the model API did not answer in time" };
  if (failure.kind === "network") return { code: "LLM_UNAVAILABLE", failure: "network", message: `the model API could not be reached (${failure.message.slice(0, 200)})` };
  const { status } = failure;
  if (status === 429 && failure.errorCode === "enforced_spend_limit_reached") {
    return { code: "LLM_REJECTED", failure: "spend_limit", message: "the Anthropic organization reached its spend limit; raise it in the Console" };
  }
  if (status === 429) return { code: "LLM_UNAVAILABLE", failure: "rate_limited", message: "the model API rate-limited the request (429)" };
  if (status === 529 || failure.errorType === "overloaded_error") {
    return { code: "LLM_UNAVAILABLE", failure: "overloaded", message: `the model API is overloaded (${status})` };
  }
  if (status === 408 || status === 409 || status >= 500) {
    return { code: "LLM_UNAVAILABLE", failure: "server_error", message: `the model API failed (${status})` };
  }
  if (status === 401 || status === 403) {
    return { code: "LLM_REJECTED", failure: "authentication", message: `the model API refused the credentials (${status}); check ANTHROPIC_API_KEY` };
  }
  return { code: "LLM_REJECTED", failure: "invalid_request", message: `the model API rejected the request (${status}: ${failure.message.slice(0, 200)})` };
}

/**
 * Milliseconds a response asks us to wait: `retry-after-ms`, else `retry-after` as seconds or an
 * HTTP date; null when absent or unreadable.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now: number): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
