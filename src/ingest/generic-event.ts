import { collectBatch, EventRejection, parseItem, splitJsonBatch, type ParsedBatch } from "./batch.ts";
import type { ExceptionInfo, NormalizedEvent, RequestInfo } from "./event.ts";
import { routeFromUrl } from "./route.ts";
import { GenericEventSchema, nearestFrames, sanitizeTags, timestampWindowError, type GenericEventInput } from "./schema.ts";
import { framesFromSentry, parseV8Stack } from "./stacktrace.ts";

// Suture's own event contract (documented in schema.ts and the README): a JSON object, a JSON
// array of them, or NDJSON. Each event stands alone: a bad one is rejected with its index and
// the path of the bad field, the rest are kept.

/**
 * `receivedAt` bounds event times (30 days back, 1 day ahead) for live traffic; null replays
 * recorded events, whose times are history by design.
 */
export function parseGenericBatch(body: string, receivedAt: Date | null): ParsedBatch {
  return collectBatch(splitJsonBatch(body), (item) => normalizeGenericEvent(item, receivedAt));
}

/** One generic event, or throws EventRejection with the field path of what is wrong. */
export function normalizeGenericEvent(raw: unknown, receivedAt: Date | null): NormalizedEvent {
  const input = parseItem(GenericEventSchema, raw);
  const windowError = receivedAt ? timestampWindowError(input.timestamp, receivedAt) : null;
  if (windowError) throw new EventRejection(windowError);
  return {
    eventId: input.event_id,
    timestamp: input.timestamp,
    level: input.level ?? "error",
    environment: input.environment,
    release: input.release,
    exception: input.exception ? toException(input.exception) : null,
    request: input.request ? toRequest(input.request) : null,
    userId: input.user?.id ?? null,
    tags: input.tags ? sanitizeTags(Object.entries(input.tags)) : {},
    fingerprint: input.fingerprint,
    source: "generic",
  };
}

function toException(exception: NonNullable<GenericEventInput["exception"]>): ExceptionInfo {
  const { stacktrace } = exception;
  let frames: ExceptionInfo["frames"] = [];
  if (typeof stacktrace === "string") frames = parseV8Stack(stacktrace);
  else if (stacktrace) frames = framesFromSentry(nearestFrames(stacktrace.frames));
  return { type: exception.type, value: exception.value, frames };
}

function toRequest(request: NonNullable<GenericEventInput["request"]>): RequestInfo {
  const result: RequestInfo = {
    method: request.method,
    url: request.url,
    route: routeFromUrl(request.url),
    status: request.status ?? null,
    durationMs: request.duration_ms ?? null,
  };
  if (request.headers) result.headers = request.headers;
  if (request.body) {
    result.body = request.body.body;
    result.bodyTruncated = request.body.truncated;
  }
  return result;
}
