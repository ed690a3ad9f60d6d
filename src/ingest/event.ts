import type { StackFrame } from "../core/stack-frame.ts";

// The normalized shape every ingest format is turned into before scrubbing, grouping and storage.
// Sources differ (generic contract, Sentry envelopes, Vercel drains); everything after parsing
// sees only this.

export interface ExceptionInfo {
  type: string;
  value: string;
  /** Sentry order: oldest call first, the throwing frame last. Capped at MAX_FRAMES. */
  frames: StackFrame[];
  /**
   * The errors that caused this one (`new Error(msg, { cause })`, Sentry's linked errors), the
   * direct cause first. At most MAX_CAUSES. The root cause is often where the bug is.
   */
  causes?: Array<{ type: string; value: string; frames: StackFrame[] }>;
}

export interface RequestInfo {
  method: string;
  /** Scrubbed URL (no query secrets, no credentials). */
  url: string | null;
  /** Path with ids parameterized (`/users/:id`), the key of request_metrics. */
  route: string;
  status: number | null;
  durationMs: number | null;
  /**
   * Identity of the request when a source reports one request through several events (Vercel
   * repeats it on every log line): request metrics count each key once. The event id otherwise.
   */
  requestKey?: string | null;
  /**
   * Headers as the app received them: names lowercased, at most MAX_HEADERS, values cut at
   * MAX_LINE_LENGTH. Credentials are redacted by scrubbing, before storage.
   */
  headers?: Record<string, string> | null;
  /**
   * The body as the app received it: a JSON value, or a string when it was not JSON. At most
   * MAX_BODY_BYTES serialized; a longer one is cut to that many bytes of text and `bodyTruncated`.
   */
  body?: unknown;
  bodyTruncated?: boolean;
}

export type EventSource = "generic" | "sentry" | "vercel";

export interface NormalizedEvent {
  eventId: string;
  timestamp: Date;
  level: string;
  environment: string | null;
  release: string | null;
  exception: ExceptionInfo | null;
  request: RequestInfo | null;
  userId: string | null;
  tags: Record<string, string>;
  /** Explicit grouping override from the client; wins over the computed fingerprint. */
  fingerprint: string[] | null;
  source: EventSource;
  /** Paths of the fields whose text had characters replaced before storage (see sanitize.ts). */
  sanitized?: string[];
}

/** Sentry's SDK keeps at most 50 frames; more only costs regex time on attacker-controlled text. */
export const MAX_FRAMES = 50;
/** Linked causes kept per exception; Sentry's own linkedErrors integration defaults to 5. */
export const MAX_CAUSES = 5;
/** Sentry truncates lines over 1,024 characters because regexes backtrack on long input. */
export const MAX_LINE_LENGTH = 1024;
/** Request headers kept per event, as for tags. */
export const MAX_HEADERS = 50;
/**
 * Request bodies kept up to 16 KiB serialized: enough for the forms and JSON that make a handler
 * fail, small enough that thousands of failing requests stay cheap to store and replay.
 */
export const MAX_BODY_BYTES = 16 * 1024;
