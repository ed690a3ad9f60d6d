import { sha256Hex } from "../core/hash.ts";
import { type ErrorEventRow, recordErrorEvents } from "../store/ingest/record-error-events.ts";
import { latencyBucket, type RequestRow, recordRequests } from "../store/ingest/record-requests.ts";
import type { Sql } from "../store/sql.ts";
import type { NormalizedEvent } from "./event.ts";
import { fingerprintEvent } from "./fingerprint.ts";
import { scrubEvent } from "./scrub.ts";

// The store half of ingest: scrub, fingerprint, split into error rows and request rows, write.
// Parsing has already happened; every event here is valid.

export interface StoreEventsResult {
  accepted: number;
  duplicates: number;
}

/**
 * Chunks of this many events are written as soon as they are ready, so the database works on one
 * chunk while the next is scrubbed and fingerprinted (measured: see `npm run bench`).
 */
export const STORE_CHUNK = 250;

export async function storeEvents(sql: Sql, projectId: string, events: NormalizedEvent[]): Promise<StoreEventsResult> {
  const writes: Array<Promise<StoreEventsResult>> = [];
  for (let start = 0; start < events.length; start += STORE_CHUNK) {
    const { errorRows, requestRows } = toRows(projectId, events.slice(start, start + STORE_CHUNK));
    writes.push(writeRows(sql, projectId, errorRows, requestRows));
    // Let the write reach the socket before the next chunk's CPU work.
    if (start + STORE_CHUNK < events.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  // Every chunk is awaited, so a failed chunk fails the call (the client retries; ids dedupe).
  const results = await Promise.all(writes);
  return results.reduce(
    (total, result) => ({ accepted: total.accepted + result.accepted, duplicates: total.duplicates + result.duplicates }),
    { accepted: 0, duplicates: 0 },
  );
}

async function writeRows(sql: Sql, projectId: string, errorRows: ErrorEventRow[], requestRows: RequestRow[]): Promise<StoreEventsResult> {
  const [errors, requests] = await Promise.all([
    recordErrorEvents(sql, projectId, errorRows),
    recordRequests(sql, projectId, requestRows),
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
    const event = scrubEvent(raw);
    const occurredAt = event.timestamp.toISOString();
    if (event.request) {
      requestRows.push({
        event_id: event.request.requestKey ?? event.eventId,
        route: event.request.route,
        method: event.request.method,
        occurred_at: occurredAt,
        status: event.request.status,
        duration_ms: event.request.durationMs,
        bucket: latencyBucket(event.request.durationMs),
        request_only: event.exception === null,
      });
    }
    const group = fingerprintEvent(event);
    if (!event.exception || !group) continue;
    errorRows.push({
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
      request_method: event.request?.method ?? null,
      request_route: event.request?.route ?? null,
      request_url: event.request?.url ?? null,
      status_code: event.request?.status ?? null,
      user_key: event.userId ? sha256Hex(`${projectId}:${event.userId}`) : null,
      tags: event.tags,
      title: group.title,
      normalized_message: group.normalizedMessage,
      culprit_file: group.culprit?.file ?? null,
      culprit_function: group.culprit?.function ?? null,
      culprit_line: group.culprit?.line ?? null,
    });
  }
  return { errorRows, requestRows };
}
