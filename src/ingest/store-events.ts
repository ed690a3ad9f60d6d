import { DEFAULT_REQUEST_SAMPLES_PER_ROUTE } from "../config/healing-config.ts";
import { sha256Hex } from "../core/hash.ts";
import { type ErrorEventRow, recordErrorEvents } from "../store/ingest/record-error-events.ts";
import { isSampleCandidate, latencyBucket, type RequestRow, recordRequests } from "../store/ingest/record-requests.ts";
import type { Sql } from "../store/sql.ts";
import type { NormalizedEvent } from "./event.ts";
import { fingerprintEvent } from "./fingerprint.ts";
import { sanitizeEvent } from "./sanitize.ts";
import { scrubEvent } from "./scrub.ts";

// The store half of ingest: scrub, sanitize, fingerprint, split into error rows and request rows,
// write. Parsing has already happened; every event here is valid.

export interface StoreEventsOptions {
  /** The project's ingest.requestSamplesPerRoute. */
  requestSamplesPerRoute?: number;
}

export interface StoreEventsResult {
  accepted: number;
  duplicates: number;
}

/**
 * Chunks of this many events are written as soon as they are ready, so the database works on one
 * chunk while the next is scrubbed and fingerprinted (measured: see `npm run bench`).
 */
export const STORE_CHUNK = 250;

/**
 * Some chunks of a batch were not written (the database failed them); `stored` counts what the
 * others wrote. Sending the batch again is safe: stored events are recognised by their ids.
 */
export class StoreIncompleteError extends Error {
  readonly code = "STORE_INCOMPLETE";
  constructor(
    readonly stored: StoreEventsResult,
    readonly unstored: number,
    options: { cause: unknown },
  ) {
    super(`${unstored} events were not stored`, options);
    this.name = "StoreIncompleteError";
  }
}

export async function storeEvents(
  sql: Sql,
  projectId: string,
  events: NormalizedEvent[],
  options: StoreEventsOptions = {},
): Promise<StoreEventsResult> {
  const samplesPerRoute = options.requestSamplesPerRoute ?? DEFAULT_REQUEST_SAMPLES_PER_ROUTE;
  // Each chunk's outcome is caught as it happens: a failure while later chunks are still being
  // prepared is an answer to report, not an unhandled rejection.
  const writes: Array<Promise<ChunkOutcome>> = [];
  for (let start = 0; start < events.length; start += STORE_CHUNK) {
    const chunk = events.slice(start, start + STORE_CHUNK);
    writes.push(
      writeChunk(sql, projectId, chunk, samplesPerRoute).then(
        (result): ChunkOutcome => ({ size: chunk.length, result }),
        (error: unknown): ChunkOutcome => ({ size: chunk.length, error }),
      ),
    );
    // Let the write reach the socket before the next chunk's CPU work.
    if (start + STORE_CHUNK < events.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const stored: StoreEventsResult = { accepted: 0, duplicates: 0 };
  let unstored = 0;
  let firstFailure: unknown = null;
  for (const outcome of await Promise.all(writes)) {
    if (outcome.result) {
      stored.accepted += outcome.result.accepted;
      stored.duplicates += outcome.result.duplicates;
      continue;
    }
    unstored += outcome.size;
    firstFailure ??= outcome.error;
  }
  if (unstored > 0) throw new StoreIncompleteError(stored, unstored, { cause: firstFailure });
  return stored;
}

type ChunkOutcome = { size: number; result: StoreEventsResult; error?: never } | { size: number; result?: never; error: unknown };

// Async, so that a throw while building rows fails this chunk's promise like a failed write.
async function writeChunk(sql: Sql, projectId: string, chunk: NormalizedEvent[], samplesPerRoute: number): Promise<StoreEventsResult> {
  const { errorRows, requestRows } = toRows(projectId, chunk);
  return writeRows(sql, projectId, errorRows, requestRows, samplesPerRoute);
}

async function writeRows(
  sql: Sql,
  projectId: string,
  errorRows: ErrorEventRow[],
  requestRows: RequestRow[],
  samplesPerRoute: number,
): Promise<StoreEventsResult> {
  const [errors, requests] = await Promise.all([
    recordErrorEvents(sql, projectId, errorRows),
    recordRequests(sql, projectId, requestRows, samplesPerRoute),
  ]);
  return {
    accepted: errors.accepted + requests.accepted,
    duplicates: errors.duplicates + requests.duplicates,
  };
}

export function toRows(projectId: string, events: NormalizedEvent[]) {
  const errorRows: ErrorEventRow[] = [];
  const requestRows: RequestRow[] = [];
  for (const raw of events) {
    // Sanitizing last also catches what scrubbing's bounded patterns could cut in half.
    const event = sanitizeEvent(scrubEvent(raw));
    const occurredAt = event.timestamp.toISOString();
    const request = event.request;
    const sanitized = event.sanitized && event.sanitized.length > 0 ? event.sanitized : undefined;
    if (request) {
      const row: RequestRow = {
        event_id: request.requestKey ?? event.eventId,
        route: request.route,
        method: request.method,
        occurred_at: occurredAt,
        status: request.status,
        duration_ms: request.durationMs,
        bucket: latencyBucket(request.durationMs),
        request_only: event.exception === null,
      };
      if (isSampleCandidate(row)) {
        row.url = request.url;
        row.headers = request.headers ?? null;
        row.body = request.body ?? null;
        row.body_truncated = request.bodyTruncated ?? false;
        row.sanitized = sanitized ?? null;
      }
      requestRows.push(row);
    }
    const group = fingerprintEvent(event);
    if (!event.exception || !group) continue;
    const errorRow: ErrorEventRow = {
      event_id: event.eventId,
      fingerprint: group.fingerprint,
      occurred_at: occurredAt,
      source: event.source,
      level: event.level,
      environment: event.environment,
      release: event.release,
      error_type: event.exception.type,
      message: event.exception.value,
      frames: event.exception.frames,
      causes: event.exception.causes ?? [],
      request_method: request?.method ?? null,
      request_route: request?.route ?? null,
      request_url: request?.url ?? null,
      status_code: request?.status ?? null,
      user_key: event.userId ? sha256Hex(`${projectId}:${event.userId}`) : null,
      tags: event.tags,
      title: group.title,
      normalized_message: group.normalizedMessage,
      culprit_file: group.culprit?.file ?? null,
      culprit_function: group.culprit?.function ?? null,
      culprit_line: group.culprit?.line ?? null,
    };
    if (request?.headers) errorRow.request_headers = request.headers;
    if (request && request.body !== undefined && request.body !== null) {
      errorRow.request_body = request.body;
      errorRow.request_body_truncated = request.bodyTruncated ?? false;
    }
    if (sanitized) errorRow.sanitized = sanitized;
    errorRows.push(errorRow);
  }
  return { errorRows, requestRows };
}
