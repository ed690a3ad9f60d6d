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
}

/** Sentry's SDK keeps at most 50 frames; more only costs regex time on attacker-controlled text. */
export const MAX_FRAMES = 50;
/** Linked causes kept per exception; Sentry's own linkedErrors integration defaults to 5. */
export const MAX_CAUSES = 5;
/** Sentry truncates lines over 1,024 characters because regexes backtrack on long input. */
export const MAX_LINE_LENGTH = 1024;
