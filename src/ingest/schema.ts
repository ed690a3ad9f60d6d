/**
 * Zod schemas of the three ingest formats: Suture's generic event, the Sentry SDK protocol and
 * Vercel log drains. They parse permissively (unknown fields ignored, secondary fields coerced or
 * dropped); the parsers beside them (generic-event.ts, sentry-protocol.ts, vercel-drain.ts) then
 * act strictly on what came through.
 *
 * ## The generic event contract
 *
 * POST a single JSON object, a JSON array of objects, or NDJSON (one JSON object per line; blank
 * lines are ignored). At most 10,000 events per request. Each event:
 *
 * ```json
 * {
 *   "event_id": "7f3a9c1e-2b4d-4e8f-9a1b-3c5d7e9f0a2b",
 *   "timestamp": "2024-05-01T12:00:00.123Z",
 *   "level": "error",
 *   "environment": "production",
 *   "release": "9fceb02d0ae598e95dc970b74767f19372d61af8",
 *   "exception": {
 *     "type": "TypeError",
 *     "value": "Cannot read properties of undefined (reading 'name')",
 *     "stacktrace": "TypeError: Cannot read properties ...\n    at getUser (/var/task/src/users.ts:12:5)"
 *   },
 *   "request": {
 *     "method": "POST", "url": "https://api.example.com/users/42?notify=1", "status": 500, "duration_ms": 12.5,
 *     "headers": { "content-type": "application/json" },
 *     "body": { "plan": "pro_2" }
 *   },
 *   "user": { "id": "42" },
 *   "tags": { "region": "eu-west-1" },
 *   "fingerprint": ["users", "profile-missing"]
 * }
 * ```
 *
 * | field | required | rule |
 * |---|---|---|
 * | `event_id` | yes | 1–64 characters of `A-Z a-z 0-9 _ . : -`. A UUID is normalized to 32 lowercase hex digits, so `7F3A9C1E-2B4D-…` and Sentry's `7f3a9c1e2b4d…` are the same event. A repeated id is stored once (also across requests). |
 * | `timestamp` | yes | RFC 3339 date-time **with** an offset (`Z` or `+02:00`); naive times are rejected. Must lie between 30 days ago and 1 day ahead of the time it is received. |
 * | `level` | no | `fatal`, `error`, `warning`, `info` or `debug` (`warn` and `critical` are accepted as aliases); default `error`. |
 * | `environment` | no | string, trimmed, at most 64 characters (longer is cut). |
 * | `release` | no | string, at most 200 characters; a git commit SHA lets the healer read the source at that commit. |
 * | `exception` | no* | `type`: non-empty string (cut at 200 characters). `value`: string, may be empty or absent (cut at 8,192 characters). `stacktrace`: either a V8/Firefox stack string (as `error.stack`), or `{"frames": [{"filename", "function", "lineno", "colno", "in_app"}]}` in Sentry order — oldest call first, the throwing frame last; `lineno` and `colno` are integers from 0 to 2,147,483,647 (they are stored in `integer` columns). At most the 50 frames nearest the throw are kept. `in_app` from the client wins over Suture's own heuristic. |
 * | `request` | no* | `url` (required in a request; full URL or path, cut at 4,096 characters), `method` (letters, uppercased; default `GET`), `status` (integer 100–599), `duration_ms` (number, 0 to 86,400,000). The route key (`/users/:id`) is computed from the URL. |
 * | `request.headers` | no | object. String values are kept; numbers and booleans become strings; a list of strings is joined with ", "; other values are dropped. Names are trimmed and lowercased, at most 50 are kept (names over 256 characters are dropped), values are cut at 1,024 characters. Scrubbing stores `authorization`, `proxy-authorization`, `cookie`, `set-cookie`, `x-api-key` and any name containing `token`, `secret` or `key` (or another secret's name) as `[Filtered]`. |
 * | `request.body` | no | the body as the app received it: any JSON value, or a string when it was not JSON. At most 16 KiB serialized (UTF-8): a longer string is cut to 16 KiB, a longer JSON value becomes the first 16 KiB of its JSON text; structures deeper than 10 levels or wider than 1,000 entries are cut there. A cut body is marked truncated. Scrubbed before storage: secrets and personal data in strings, and values under keys that name a secret (`password`, `token`, `secret`, `apiKey`, `card`, `cvv`, `ssn`, …) become `[Filtered]`. |
 * | `user` | no | `{"id": string or number}`; stored as a string (at most 128 characters). Other user fields are ignored. |
 * | `tags` | no | object. String values are kept; numbers and booleans become strings; other values are dropped. At most 50 tags (the rest are dropped), keys of 1–64 characters (others dropped), values cut at 256 characters. |
 * | `fingerprint` | no | array of at most 10 strings (each at most 256 characters). Overrides the computed grouping. |
 *
 * \* An event needs an `exception`, a `request`, or both. An event without an exception is a
 * request-only event: it feeds the per-route request metrics and never becomes an error group.
 *
 * Unknown top-level fields are ignored. A bad event is rejected on its own — the response lists it
 * as `{"index", "error"}` with the field path, e.g. `exception.type: expected string, got number`
 * — and the other events of the batch are stored.
 *
 * Text is never a reason to reject: NUL, other C0 control characters (tab, newline and carriage
 * return stay) and lone UTF-16 surrogates in any text field, object keys included, are replaced
 * with U+FFFD before storage (src/ingest/sanitize.ts), and the stored event lists the paths of the
 * fields that had them in `sanitized`. Every cut above keeps whole characters: a surrogate pair is
 * never split.
 */

import { z } from "zod";
import { MAX_FRAMES } from "./event.ts";
import { boundBody, normalizeHeaders } from "./request-evidence.ts";
import { truncate } from "./sanitize.ts";

export const MAX_EVENT_ID_LENGTH = 64;
export const MAX_TYPE_LENGTH = 200;
export const MAX_VALUE_LENGTH = 8192;
export const MAX_ENVIRONMENT_LENGTH = 64;
export const MAX_RELEASE_LENGTH = 200;
export const MAX_URL_LENGTH = 4096;
export const MAX_USER_ID_LENGTH = 128;
export const MAX_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 64;
export const MAX_TAG_VALUE_LENGTH = 256;
export const MAX_FINGERPRINT_ITEMS = 10;
export const MAX_FINGERPRINT_PART_LENGTH = 256;
/** A request that took longer than a day is a clock or unit bug on the client, not a latency. */
export const MAX_DURATION_MS = 86_400_000;
export const MAX_FUTURE_MS = 86_400_000;
export const MAX_AGE_MS = 30 * 86_400_000;
/** Line and column numbers end up in `integer` columns (culprit_line); PostgreSQL's is signed 32-bit. */
export const MAX_POSITION = 2_147_483_647;

export const LEVELS = ["fatal", "error", "warning", "info", "debug"] as const;
export type Level = (typeof LEVELS)[number];
const LEVEL_ALIASES: Record<string, Level> = { warn: "warning", critical: "fatal" };

const EVENT_ID_RE = /^[A-Za-z0-9_.:-]*$/;
const DASHED_UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HEX32_RE = /^[0-9a-fA-F]{32}$/;
// RFC 3339 section 5.6 date-time; the space separator is the RFC's own allowed variant.
const RFC3339_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;
// Sentry's protocol allows a date-time without an offset and reads it as UTC.
const NAIVE_ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** UUIDs in any spelling become 32 lowercase hex digits; other ids are kept as sent. */
export function normalizeEventId(id: string): string {
  if (DASHED_UUID_RE.test(id)) return id.replace(/-/g, "").toLowerCase();
  if (HEX32_RE.test(id)) return id.toLowerCase();
  return id;
}

/** Parses an RFC 3339 date-time; `allowNaive` reads a missing offset as UTC (Sentry's rule). */
export function parseDateTime(text: string, allowNaive = false): Date | null {
  const match = RFC3339_RE.exec(text) ?? (allowNaive ? NAIVE_ISO_RE.exec(text) : null);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // 60 is a leap second in RFC 3339; JavaScript dates have none, so it folds into the next minute.
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Feb 30 rolls over into March; a round trip of the day catches impossible dates.
  if (date.getUTCDate() !== day) return null;
  const utc = date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  let offsetMinutes = 0;
  if (offset && offset !== "Z" && offset !== "z") {
    const sign = offset.startsWith("-") ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return new Date(utc - offsetMinutes * 60_000);
}

/** Why an event time is unacceptable relative to when it arrived, or null when it is fine. */
export function timestampWindowError(timestamp: Date, receivedAt: Date): string | null {
  const delta = timestamp.getTime() - receivedAt.getTime();
  if (delta > MAX_FUTURE_MS) {
    return `timestamp: ${timestamp.toISOString()} is more than 1 day in the future; check the sender's clock`;
  }
  if (-delta > MAX_AGE_MS) {
    return `timestamp: ${timestamp.toISOString()} is older than 30 days`;
  }
  return null;
}

export function normalizeLevel(level: string): Level | null {
  const lower = level.trim().toLowerCase();
  if ((LEVELS as readonly string[]).includes(lower)) return lower as Level;
  return LEVEL_ALIASES[lower] ?? null;
}

/** Keeps string tags, stringifies numbers and booleans, drops the rest; see the caps above. */
export function sanitizeTags(entries: Iterable<[unknown, unknown]>): Record<string, string> {
  const tags: Record<string, string> = {};
  let count = 0;
  for (const [key, raw] of entries) {
    if (count >= MAX_TAGS) break;
    if (typeof key !== "string" || key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) continue;
    let value: string;
    if (typeof raw === "string") value = raw;
    else if (typeof raw === "number" && Number.isFinite(raw)) value = String(raw);
    else if (typeof raw === "boolean") value = String(raw);
    else continue;
    if (!(key in tags)) count++;
    tags[key] = truncate(value, MAX_TAG_VALUE_LENGTH);
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------
// Shared field schemas

export const EventIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(MAX_EVENT_ID_LENGTH, `must be at most ${MAX_EVENT_ID_LENGTH} characters`)
  .regex(EVENT_ID_RE, "may only contain letters, digits and _ . : -")
  .transform(normalizeEventId);

export const LevelSchema = z.string().transform((text, ctx) => {
  const level = normalizeLevel(text);
  if (level) return level;
  ctx.addIssue({ code: "custom", message: `expected one of ${LEVELS.join(", ")}` });
  return z.NEVER;
});

/** Trimmed; empty becomes null; longer than `max` is cut rather than rejected. */
function optionalText(max: number) {
  return z
    .string()
    .nullish()
    .transform((text) => {
      const trimmed = text?.trim();
      return trimmed ? truncate(trimmed, max) : null;
    });
}

const UserIdSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((id) => {
    if (id === null || id === undefined) return null;
    const text = String(id).trim();
    return text ? truncate(text, MAX_USER_ID_LENGTH) : null;
  });

const FingerprintSchema = z
  .array(z.string().max(MAX_FINGERPRINT_PART_LENGTH, `items must be at most ${MAX_FINGERPRINT_PART_LENGTH} characters`))
  .max(MAX_FINGERPRINT_ITEMS, `must have at most ${MAX_FINGERPRINT_ITEMS} items`)
  .nullish()
  .transform((parts) => (parts && parts.length > 0 ? parts : null));

function position() {
  return z.number().int().nonnegative().max(MAX_POSITION, `must be at most ${MAX_POSITION}`).nullish();
}

/** One frame in Sentry's protocol shape; also the object form of a generic `stacktrace`. */
export const SentryFrameSchema = z.object({
  filename: z.string().nullish(),
  abs_path: z.string().nullish(),
  module: z.string().nullish(),
  function: z.string().nullish(),
  lineno: position(),
  colno: position(),
  in_app: z.boolean().nullish(),
});
export type SentryFrame = z.infer<typeof SentryFrameSchema>;

/** Sentry order is oldest first; the frames nearest the throw are the last ones, keep those. */
export function nearestFrames<T>(frames: readonly T[]): T[] {
  return frames.length > MAX_FRAMES ? frames.slice(-MAX_FRAMES) : [...frames];
}

// ---------------------------------------------------------------------------------------------
// Generic event

export const GenericTimestampSchema = z.string().transform((text, ctx) => {
  const date = parseDateTime(text.trim());
  if (date) return date;
  ctx.addIssue({
    code: "custom",
    message: "expected an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:00:00Z",
  });
  return z.NEVER;
});

export const GenericExceptionSchema = z.object({
  type: z
    .string()
    .transform((type) => truncate(type.trim(), MAX_TYPE_LENGTH))
    .refine((type) => type.length > 0, "must not be empty"),
  value: z
    .string()
    .nullish()
    .transform((value) => truncate(value ?? "", MAX_VALUE_LENGTH)),
  stacktrace: z
    .union([z.string(), z.object({ frames: z.array(SentryFrameSchema) })], {
      error: "expected a stack string or {\"frames\": [...]}",
    })
    .nullish(),
});

export const GenericRequestSchema = z.object({
  method: z
    .string()
    .regex(/^[A-Za-z]{1,16}$/, "expected an HTTP method like GET")
    .nullish()
    .transform((method) => (method ? method.toUpperCase() : "GET")),
  url: z
    .string()
    .transform((url) => truncate(url.trim(), MAX_URL_LENGTH))
    .refine((url) => url.length > 0, "must not be empty"),
  status: z.number().int("expected an integer").min(100).max(599).nullish(),
  duration_ms: z.number().min(0).max(MAX_DURATION_MS).nullish(),
  headers: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((headers) => (headers ? normalizeHeaders(Object.entries(headers)) : null)),
  // Any JSON value; a string is the body as received when it was not JSON.
  body: z.unknown().transform(boundBody),
});

export const GenericEventSchema = z
  .object({
    event_id: EventIdSchema,
    timestamp: GenericTimestampSchema,
    level: LevelSchema.nullish(),
    environment: optionalText(MAX_ENVIRONMENT_LENGTH),
    release: optionalText(MAX_RELEASE_LENGTH),
    exception: GenericExceptionSchema.nullish(),
    request: GenericRequestSchema.nullish(),
    user: z.object({ id: UserIdSchema }).nullish(),
    tags: z.record(z.string(), z.unknown()).nullish(),
    fingerprint: FingerprintSchema,
  })
  .superRefine((event, ctx) => {
    if (!event.exception && !event.request) {
      ctx.addIssue({
        code: "custom",
        path: ["exception"],
        message: "an event needs an exception, a request, or both",
      });
    }
  });
export type GenericEventInput = z.infer<typeof GenericEventSchema>;

// ---------------------------------------------------------------------------------------------
// Sentry protocol (https://develop.sentry.dev/sdk/data-model/event-payloads/)
// Fields the healer needs are strict; context-like fields fall back to null when malformed,
// because one odd SDK value should not cost us the error.

const SentryStacktraceSchema = z.object({ frames: z.array(SentryFrameSchema).nullish() });

export const SentryExceptionValueSchema = z.object({
  type: z.string().nullish(),
  value: z.string().nullish(),
  module: z.string().nullish(),
  stacktrace: SentryStacktraceSchema.nullish(),
});

const SentryMessageSchema = z.object({
  formatted: z.string().nullish(),
  message: z.string().nullish(),
});

export const SentryTimestampSchema = z.union([z.number(), z.string()]);

export const SentryEventSchema = z.object({
  event_id: EventIdSchema.nullish(),
  type: z.string().nullish(),
  timestamp: SentryTimestampSchema.nullish(),
  start_timestamp: SentryTimestampSchema.nullish().catch(null),
  level: LevelSchema.nullish(),
  environment: optionalText(MAX_ENVIRONMENT_LENGTH).catch(null),
  release: optionalText(MAX_RELEASE_LENGTH).catch(null),
  // The protocol allows both {"values": [...]} and the bare list.
  exception: z
    .union([z.object({ values: z.array(SentryExceptionValueSchema).nullish() }), z.array(SentryExceptionValueSchema)])
    .nullish(),
  message: z.union([z.string(), SentryMessageSchema]).nullish().catch(null),
  logentry: SentryMessageSchema.nullish().catch(null),
  stacktrace: SentryStacktraceSchema.nullish().catch(null),
  threads: z
    .object({ values: z.array(z.object({ stacktrace: SentryStacktraceSchema.nullish() }).catch({ stacktrace: null })).nullish() })
    .nullish()
    .catch(null),
  request: z
    .object({
      method: z.string().nullish().catch(null),
      url: z.string().nullish().catch(null),
      // An object, or pairs: `[["accept", "*/*"], …]`.
      headers: z
        .union([z.record(z.string(), z.unknown()), z.array(z.tuple([z.unknown(), z.unknown()]).rest(z.unknown()))])
        .nullish()
        .catch(null),
      // Text (`a=1&b=2`), an object or pairs.
      query_string: z
        .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.tuple([z.unknown(), z.unknown()]).rest(z.unknown()))])
        .nullish()
        .catch(null),
      data: z.unknown(),
    })
    .nullish()
    .catch(null),
  contexts: z
    .object({
      response: z.object({ status_code: z.number().int().nullish().catch(null) }).nullish().catch(null),
      trace: z
        .object({
          op: z.string().nullish().catch(null),
          data: z.record(z.string(), z.unknown()).nullish().catch(null),
        })
        .nullish()
        .catch(null),
    })
    .nullish()
    .catch(null),
  user: z.object({ id: UserIdSchema.catch(null) }).nullish().catch(null),
  tags: z
    .union([z.record(z.string(), z.unknown()), z.array(z.tuple([z.string(), z.unknown()]).rest(z.unknown()))])
    .nullish()
    .catch(null),
  fingerprint: FingerprintSchema,
});
export type SentryEventInput = z.infer<typeof SentryEventSchema>;

export const SentryEnvelopeHeaderSchema = z.object({
  dsn: z.string().nullish().catch(null),
  event_id: z.string().nullish().catch(null),
});

export const SentryItemHeaderSchema = z.object({
  type: z.string(),
  length: z.number().int().nonnegative().nullish(),
});

// ---------------------------------------------------------------------------------------------
// Vercel log drains (https://vercel.com/docs/drains/reference/logs)

const looseText = z.string().nullish().catch(null);
const looseNumber = z.number().nullish().catch(null);

export const VercelProxySchema = z.object({
  timestamp: looseNumber,
  method: looseText,
  scheme: looseText,
  host: looseText,
  path: looseText,
  statusCode: looseNumber,
  region: looseText,
});

export const VercelLogLineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish().catch(null),
  message: looseText,
  /** Milliseconds since the epoch. */
  timestamp: z.number(),
  type: looseText,
  source: looseText,
  projectId: looseText,
  deploymentId: looseText,
  buildId: looseText,
  host: looseText,
  path: looseText,
  entrypoint: looseText,
  statusCode: looseNumber,
  requestId: looseText,
  level: looseText,
  environment: looseText,
  branch: looseText,
  executionRegion: looseText,
  gitCommitSha: looseText,
  meta: z.record(z.string(), z.unknown()).nullish().catch(null),
  duration: looseNumber,
  proxy: VercelProxySchema.nullish().catch(null),
});
export type VercelLogLine = z.infer<typeof VercelLogLineSchema>;
