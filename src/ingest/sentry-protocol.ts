import { BodyParseError, EventRejection, MAX_BATCH_ITEMS, parseItem, rejectionMessage, type ItemRejection, type ParsedBatch } from "./batch.ts";
import { type ExceptionInfo, MAX_CAUSES, type NormalizedEvent, type RequestInfo } from "./event.ts";
import { routeFromUrl } from "./route.ts";
import {
  MAX_DURATION_MS,
  MAX_TYPE_LENGTH,
  MAX_URL_LENGTH,
  MAX_VALUE_LENGTH,
  nearestFrames,
  normalizeEventId,
  parseDateTime,
  SentryEnvelopeHeaderSchema,
  SentryEventSchema,
  SentryItemHeaderSchema,
  sanitizeTags,
  timestampWindowError,
  type SentryEventInput,
  type SentryFrame,
} from "./schema.ts";
import { bodyFromText, boundBody, normalizeHeaders, withQueryString } from "./request-evidence.ts";
import { truncate } from "./sanitize.ts";
import { framesFromSentry } from "./stacktrace.ts";

// The Sentry SDK protocol, so an app already on @sentry/node or @sentry/nextjs reports to Suture
// by changing its DSN to https://<key>@<suture-host>/<prefix>/<project>.
//
// What the SDK sends (recorded from @sentry/node 10.78 in tests/fixtures/sentry/):
// - POST <prefix>/api/<project>/envelope/?sentry_version=7&sentry_key=<key>&sentry_client=…, the key
//   in the query string (no X-Sentry-Auth header), no content-type, chunked (no content-length);
// - bodies over 32 KiB gzip-compressed with `content-encoding: gzip` (the caller decompresses);
// - envelope items without `length`, one JSON line each: "event" for errors, "transaction" when
//   tracing is on, "session"/"sessions"/"client_report" always. Only errors and HTTP server
//   transactions are ingested; everything else is ignored, neither stored nor rejected.
// - Linked errors (`cause`) as extra exception values BEFORE the thrown one: the LAST value is the
//   thrown exception; up to MAX_CAUSES earlier values are kept as its causes (diagnosis reads them).

export interface SentryAuth {
  publicKey: string;
  projectId: string;
}

export interface SentryEnvelopeHeader {
  dsn?: string;
  event_id?: string;
}

/** `…/api/<project>/envelope/` or `…/api/<project>/store/`, after any prefix, trailing slash optional. */
export function matchSentryPath(pathname: string): { projectId: string; kind: "envelope" | "store" } | null {
  const match = /\/api\/([A-Za-z0-9_-]{1,64})\/(envelope|store)\/?$/.exec(pathname);
  if (!match) return null;
  return { projectId: match[1]!, kind: match[2] as "envelope" | "store" };
}

const KEY_RE = /^[A-Za-z0-9_.-]{1,200}$/;

/**
 * The DSN public key: from `X-Sentry-Auth: Sentry sentry_key=…, sentry_version=7` (or the same in
 * `Authorization`), else the `sentry_key` query parameter (what browser and Node SDKs send), else
 * the envelope header's `dsn`. Null when none carries a plausible key.
 */
export function readSentryAuth(request: Request, url: URL, envelopeHeader?: { dsn?: string }): string | null {
  for (const name of ["x-sentry-auth", "authorization"]) {
    const key = keyFromAuthHeader(request.headers.get(name));
    if (key) return key;
  }
  const query = url.searchParams.get("sentry_key");
  if (query && KEY_RE.test(query)) return query;
  const dsn = envelopeHeader?.dsn;
  if (typeof dsn === "string") {
    const key = keyFromDsn(dsn);
    if (key) return key;
  }
  return null;
}

function keyFromAuthHeader(header: string | null): string | null {
  if (!header) return null;
  const match = /^\s*Sentry\s+(.*)$/is.exec(header.slice(0, 1024));
  if (!match) return null;
  for (const part of match[1]!.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== "sentry_key") continue;
    const value = part.slice(eq + 1).trim();
    return KEY_RE.test(value) ? value : null;
  }
  return null;
}

function keyFromDsn(dsn: string): string | null {
  try {
    const key = decodeURIComponent(new URL(dsn).username);
    return KEY_RE.test(key) ? key : null;
  } catch {
    return null;
  }
}

const NEWLINE = 0x0a;

/**
 * An envelope: a header JSON line, then items, each an item-header JSON line and a payload —
 * `length` bytes when the item header gives a length, else up to the next newline. Rejections
 * carry the item's 0-based position among the envelope's items.
 */
export function parseSentryEnvelope(
  body: Uint8Array,
  receivedAt: Date,
): { header: SentryEnvelopeHeader; batch: ParsedBatch } {
  const decoder = new TextDecoder();
  const headerLine = readLine(body, 0);
  const headerText = decoder.decode(headerLine.bytes).trim();
  if (headerText.length === 0) {
    throw new BodyParseError("envelope is empty: expected a header line, then items");
  }
  const headerJson = parseJson(headerText);
  if (!headerJson.ok || !isPlainObject(headerJson.value)) {
    throw new BodyParseError(
      `envelope header is not a JSON object${headerJson.ok ? "" : `: ${headerJson.reason}`}; is this a Sentry envelope?`,
    );
  }
  const parsedHeader = SentryEnvelopeHeaderSchema.parse(headerJson.value);
  const header: SentryEnvelopeHeader = {};
  if (parsedHeader.dsn) header.dsn = parsedHeader.dsn;
  if (parsedHeader.event_id) header.event_id = parsedHeader.event_id;

  const events: NormalizedEvent[] = [];
  const rejected: ItemRejection[] = [];
  let pos = headerLine.next;
  let index = 0;
  while (pos < body.length) {
    const itemHeaderLine = readLine(body, pos);
    const itemHeaderText = decoder.decode(itemHeaderLine.bytes).trim();
    pos = itemHeaderLine.next;
    // Tolerate blank lines between items (a trailing newline, a stray one from a proxy).
    if (itemHeaderText.length === 0) continue;
    if (index >= MAX_BATCH_ITEMS) {
      throw new BodyParseError(`envelope has more than ${MAX_BATCH_ITEMS} items; the limit is ${MAX_BATCH_ITEMS}`);
    }
    const itemJson = parseJson(itemHeaderText);
    const itemHeader = itemJson.ok ? SentryItemHeaderSchema.safeParse(itemJson.value) : null;
    // Without a readable item header the payload boundaries are unknown: the rest is unreadable.
    if (!itemHeader?.success) {
      throw new BodyParseError(`envelope item ${index}: header is not a JSON object with a string "type"`);
    }
    let payload: Uint8Array;
    const length = itemHeader.data.length;
    if (length !== null && length !== undefined) {
      if (pos + length > body.length) {
        throw new BodyParseError(
          `envelope item ${index}: length ${length} exceeds the ${body.length - pos} bytes left in the body`,
        );
      }
      payload = body.subarray(pos, pos + length);
      pos += length;
      if (body[pos] === NEWLINE) pos++;
    } else {
      const line = readLine(body, pos);
      payload = line.bytes;
      pos = line.next;
    }
    const itemIndex = index++;
    const type = itemHeader.data.type;
    if (type !== "event" && type !== "transaction") continue;
    try {
      const json = parseJson(decoder.decode(payload));
      if (!json.ok) throw new EventRejection(`invalid JSON: ${json.reason}`);
      const event =
        type === "event"
          ? normalizeSentryEvent(json.value, receivedAt, header.event_id)
          : normalizeSentryTransaction(json.value, receivedAt);
      if (event) events.push(event);
    } catch (error) {
      rejected.push({ index: itemIndex, error: rejectionMessage(error) });
    }
  }
  return { header, batch: { events, rejected } };
}

/** The legacy `/store/` endpoint: the body is one event as JSON. */
export function parseSentryStoreBody(body: string, receivedAt: Date): ParsedBatch {
  const text = body.trim();
  if (text.length === 0) throw new BodyParseError("body is empty; expected one Sentry event as JSON");
  const json = parseJson(text);
  if (!json.ok) {
    // SDKs from before 2019 sent base64(zlib(json)) here; they are not supported.
    throw new BodyParseError(`body is not valid JSON: ${json.reason}`);
  }
  if (!isPlainObject(json.value)) throw new BodyParseError("body must be one Sentry event object");
  try {
    return { events: [normalizeSentryEvent(json.value, receivedAt)], rejected: [] };
  } catch (error) {
    return { events: [], rejected: [{ index: 0, error: rejectionMessage(error) }] };
  }
}

/**
 * One Sentry error event → NormalizedEvent; throws EventRejection naming the bad field.
 * - The thrown exception is the last of `exception.values`; the values before it are its causes.
 * - Without an exception, an `error`/`fatal` message (`logentry` or `message`) becomes an
 *   exception of type "Error" whose value is the message, with the frames of a top-level or
 *   thread stacktrace when the SDK attached one (`attachStacktrace`). Messages of lower levels are
 *   rejected: they are logs, not errors.
 * - `timestamp`: seconds since the epoch or an ISO date-time (no offset = UTC, as in Sentry);
 *   missing means now. `user.id` is kept; `ip_address` and `email` are not read. The request keeps its headers, query string and body (`data`) for reproduction; scrubbing redacts credentials before storage.
 */
export function normalizeSentryEvent(raw: unknown, receivedAt: Date, fallbackEventId?: string): NormalizedEvent {
  const input = parseItem(SentryEventSchema, raw);
  const eventId = input.event_id ?? validFallbackId(fallbackEventId);
  if (!eventId) throw new EventRejection("event_id: required");
  const timestamp = sentryTime(input.timestamp, "timestamp") ?? receivedAt;
  const windowError = timestampWindowError(timestamp, receivedAt);
  if (windowError) throw new EventRejection(windowError);
  const level = input.level ?? "error";
  return {
    eventId,
    timestamp,
    level,
    environment: input.environment,
    release: input.release,
    exception: sentryException(input, level),
    request: sentryRequest(input, null),
    userId: input.user?.id ?? null,
    tags: sentryTags(input.tags),
    fingerprint: defaultFingerprintIsNone(input.fingerprint),
    source: "sentry",
  };
}

/**
 * An HTTP server transaction → a request-only event (feeds request_metrics), or null for a
 * transaction that is not an incoming HTTP request (background jobs, browser page loads).
 * Status from `contexts.response.status_code`, the span's `http.response.status_code`, or the
 * `http.status_code` tag; duration from `start_timestamp` to `timestamp`.
 */
export function normalizeSentryTransaction(raw: unknown, receivedAt: Date): NormalizedEvent | null {
  const input = parseItem(SentryEventSchema, raw);
  const op = input.contexts?.trace?.op;
  if (op && op !== "http.server") return null;
  const data = input.contexts?.trace?.data ?? {};
  const tags = sentryTags(input.tags);
  const status =
    validStatus(input.contexts?.response?.status_code) ??
    validStatus(data["http.response.status_code"]) ??
    validStatus(Number(tags["http.status_code"]));
  const request = sentryRequest(input, status, data);
  if (!request) return null;
  if (!input.event_id) throw new EventRejection("event_id: required");
  const end = sentryTime(input.timestamp, "timestamp");
  if (!end) throw new EventRejection("timestamp: required");
  const start = sentryTime(input.start_timestamp ?? null, "start_timestamp");
  if (start) {
    // Numeric timestamps carry microseconds that a Date would round away.
    const duration =
      typeof input.timestamp === "number" && typeof input.start_timestamp === "number"
        ? Math.round((input.timestamp - input.start_timestamp) * 1e6) / 1e3
        : end.getTime() - start.getTime();
    if (duration >= 0 && duration <= MAX_DURATION_MS) request.durationMs = duration;
  }
  const windowError = timestampWindowError(end, receivedAt);
  if (windowError) throw new EventRejection(windowError);
  return {
    eventId: input.event_id,
    timestamp: end,
    level: "info",
    environment: input.environment,
    release: input.release,
    exception: null,
    request,
    userId: input.user?.id ?? null,
    tags,
    fingerprint: null,
    source: "sentry",
  };
}

function sentryException(input: SentryEventInput, level: string): ExceptionInfo {
  const values = Array.isArray(input.exception) ? input.exception : (input.exception?.values ?? []);
  for (let i = values.length - 1; i >= 0; i--) {
    const value = values[i]!;
    const type = value.type?.trim();
    if (!type && !value.value) continue;
    // Linked errors come before the thrown one, the root cause first: the causes are the values
    // before it, nearest first.
    const causes = values
      .slice(Math.max(0, i - MAX_CAUSES), i)
      .reverse()
      .filter((cause) => cause.type?.trim() || cause.value)
      .map((cause) => ({
        type: truncate(cause.type?.trim() || "Error", MAX_TYPE_LENGTH),
        value: truncate(cause.value ?? "", MAX_VALUE_LENGTH),
        frames: framesFromSentry(nearestFrames(cause.stacktrace?.frames ?? [])),
      }));
    return {
      type: truncate(type || "Error", MAX_TYPE_LENGTH),
      value: truncate(value.value ?? "", MAX_VALUE_LENGTH),
      frames: framesFromSentry(nearestFrames(value.stacktrace?.frames ?? [])),
      ...(causes.length > 0 ? { causes } : {}),
    };
  }
  const message = messageText(input);
  if (!message) throw new EventRejection("exception: the event has neither an exception nor a message");
  if (level !== "error" && level !== "fatal") {
    throw new EventRejection(`level: only error and fatal messages are ingested; this message is "${level}"`);
  }
  return {
    type: "Error",
    value: truncate(message, MAX_VALUE_LENGTH),
    frames: framesFromSentry(nearestFrames(attachedFrames(input))),
  };
}

function messageText(input: SentryEventInput): string | null {
  const fromLogentry = input.logentry?.formatted ?? input.logentry?.message;
  if (fromLogentry) return fromLogentry;
  const message = input.message;
  if (typeof message === "string") return message || null;
  return message?.formatted || message?.message || null;
}

function attachedFrames(input: SentryEventInput): SentryFrame[] {
  if (input.stacktrace?.frames?.length) return input.stacktrace.frames;
  for (const thread of input.threads?.values ?? []) {
    if (thread.stacktrace?.frames?.length) return thread.stacktrace.frames;
  }
  return [];
}

function sentryRequest(
  input: SentryEventInput,
  status: number | null,
  spanData: Record<string, unknown> = {},
): RequestInfo | null {
  const url = input.request?.url ?? stringOrNull(spanData["url.full"]) ?? stringOrNull(spanData["http.url"]);
  if (!url || url.trim().length === 0) return null;
  const rawMethod =
    input.request?.method ?? stringOrNull(spanData["http.request.method"]) ?? stringOrNull(spanData["http.method"]);
  const method = rawMethod && /^[A-Za-z]{1,16}$/.test(rawMethod) ? rawMethod.toUpperCase() : "GET";
  const bounded = truncate(withQueryString(url.trim(), input.request?.query_string), MAX_URL_LENGTH);
  const request: RequestInfo = {
    method,
    url: bounded,
    route: routeFromUrl(bounded),
    status: status ?? validStatus(input.contexts?.response?.status_code),
    durationMs: null,
  };
  const headers = input.request?.headers;
  if (headers) {
    const normalized = normalizeHeaders(Array.isArray(headers) ? headers.map((pair) => [pair[0], pair[1]] as const) : Object.entries(headers));
    if (normalized) request.headers = normalized;
  }
  const body = boundBody(bodyFromText(input.request?.data));
  if (body) {
    request.body = body.body;
    request.bodyTruncated = body.truncated;
  }
  return request;
}

function sentryTags(tags: SentryEventInput["tags"]): Record<string, string> {
  if (!tags) return {};
  if (Array.isArray(tags)) return sanitizeTags(tags.map((pair) => [pair[0], pair[1]] as [unknown, unknown]));
  return sanitizeTags(Object.entries(tags));
}

// Sentry's `{{ default }}` alone means "group as usual": that is no override at all.
function defaultFingerprintIsNone(fingerprint: string[] | null): string[] | null {
  if (!fingerprint) return null;
  if (fingerprint.length === 1 && fingerprint[0]!.trim() === "{{ default }}") return null;
  return fingerprint;
}

function sentryTime(value: number | string | null | undefined, field: string): Date | null {
  if (value === null || value === undefined) return null;
  const date = typeof value === "number" ? new Date(value * 1000) : parseDateTime(value.trim(), true);
  if (!date || Number.isNaN(date.getTime())) {
    throw new EventRejection(`${field}: expected seconds since the epoch or an ISO 8601 date-time`);
  }
  return date;
}

function validStatus(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599 ? value : null;
}

function validFallbackId(id: string | undefined): string | null {
  if (!id || !/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) return null;
  return normalizeEventId(id);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function readLine(body: Uint8Array, start: number): { bytes: Uint8Array; next: number } {
  const end = body.indexOf(NEWLINE, start);
  if (end < 0) return { bytes: body.subarray(start), next: body.length };
  return { bytes: body.subarray(start, end), next: end + 1 };
}

type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: (error instanceof Error ? error.message : String(error)).slice(0, 200) };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
