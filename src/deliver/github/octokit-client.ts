import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { sha256Hex } from "../../core/hash.ts";
import { createPacingGroup } from "./pacing.ts";

// The one place an Octokit is built: REST methods plus GitHub's recommended retry (5xx) and
// throttling (primary and secondary rate limits) plugins. Everything is per client: isolates are
// reused across projects, so nothing here may live at module level.

export const SutureOctokit = Octokit.plugin(retry, throttling);
export type SutureOctokitClient = InstanceType<typeof SutureOctokit>;

export interface RateLimitInfo {
  kind: "primary" | "secondary";
  /** Seconds GitHub asked us to wait. */
  retryAfterSeconds: number;
  method: string;
  url: string;
  /** How many times this request already waited for a rate limit. */
  retryCount: number;
}

/** Return true to wait and retry, false to give up (the call fails with RATE_LIMITED). */
export type RateLimitHandler = (info: RateLimitInfo) => boolean;

export interface OctokitClientOptions {
  token: string;
  /** https://api.github.com by default; GitHub Enterprise `https://host/api/v3`; a test server. */
  baseUrl?: string;
  userAgent?: string;
  fetch?: typeof fetch;
  retry?: {
    /** Retries of 5xx and network failures. Default 3. */
    retries?: number;
    /** Backoff unit: the n-th retry waits n² × this. Default 1,000 ms. */
    retryAfterBaseValueMs?: number;
  };
  throttle?: {
    /** Multiplies GitHub's retry-after / reset seconds. Default 1,000 ms (tests shrink it). */
    retryAfterBaseValueMs?: number;
    /**
     * Gap between content-creating requests. GitHub asks integrators for about a second
     * (best practices for integrators); the plugin's default groups do that when this is unset.
     */
    writeSpacingMs?: number;
  };
  /** Default: wait once for a limit that resets within 60 s (a cycle has a time budget). */
  onRateLimit?: RateLimitHandler;
  logger?: { warn(message: string, meta?: Record<string, unknown>): void };
}

/** Longest rate-limit wait the default handler accepts; longer waits fail and resume next tick. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;

export function defaultRateLimitHandler(info: RateLimitInfo): boolean {
  return info.retryCount < 1 && info.retryAfterSeconds <= DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
}

export function createOctokitClient(options: OctokitClientOptions): SutureOctokitClient {
  const onRateLimit = options.onRateLimit ?? defaultRateLimitHandler;
  // Typed as the plugin's Bottleneck.Group, which our pacing group implements the used part of.
  const pacing = (options.throttle?.writeSpacingMs === undefined ? {} : {
    write: createPacingGroup(options.throttle.writeSpacingMs),
    notifications: createPacingGroup(options.throttle.writeSpacingMs),
  }) as Record<string, never>;
  function handler(kind: RateLimitInfo["kind"]) {
    return (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const info = { kind, retryAfterSeconds: retryAfter, method: request.method, url: request.url, retryCount };
      const wait = onRateLimit(info);
      options.logger?.warn("github rate limit", { ...info, wait });
      return wait;
    };
  }
  return new SutureOctokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? "suture",
    request: options.fetch ? { fetch: options.fetch } : undefined,
    log: { debug() {}, info() {}, warn() {}, error() {} },
    retry: {
      retries: options.retry?.retries ?? 3,
      retryAfterBaseValue: options.retry?.retryAfterBaseValueMs ?? 1_000,
      // 403 and 429 belong to the throttling plugin, which knows how long GitHub wants us to wait;
      // retrying them here too would hammer a limit we already hit.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      // Instances sharing a token share the pacing (GitHub's limits are per token), without the
      // token itself ever being used as a key.
      id: `suture-${sha256Hex(options.token).slice(0, 16)}`,
      retryAfterBaseValue: options.throttle?.retryAfterBaseValueMs ?? 1_000,
      onRateLimit: handler("primary"),
      onSecondaryRateLimit: handler("secondary"),
      ...pacing,
    },
  });
}
