import type { Sql } from "../sql.ts";

// The requests that failed with a group's error, for reproduction to replay: distinct by
// (method, URL, body), newest first. Only the group's most recent events are read, so a group of
// a million events costs what one of a thousand does. Everything here was scrubbed at ingest.

export interface FailingRequest {
  method: string;
  url: string;
  /** Names lowercased, credentials [Filtered]; null when the event carried none. */
  headers: Record<string, string> | null;
  /** JSON, or a string when the body was not JSON; null without one. */
  body: unknown;
  body_truncated: boolean;
  status: number | null;
  release: string | null;
  occurred_at: Date;
}

/** Recent events read per group before deduplication. */
const RECENT_EVENTS = 1000;

export async function loadFailingRequests(sql: Sql, detectedErrorId: string, limit = 10): Promise<FailingRequest[]> {
  const rows = await sql.query<FailingRequest>(
    `with recent as (
       select e.request_method, e.request_url, e.request_headers, e.request_body, e.request_body_truncated,
              e.status_code, e.release, e.occurred_at
         from healing.detected_errors d
         join healing.error_events e on e.project_id = d.project_id and e.fingerprint = d.fingerprint
        where d.id = $1 and e.request_url is not null
        order by e.occurred_at desc
        limit $3
     ),
     distinct_requests as (
       select distinct on (request_method, request_url, request_body) *
         from recent
        order by request_method, request_url, request_body, occurred_at desc
     )
     select coalesce(request_method, 'GET') as method, request_url as url, request_headers as headers,
            request_body as body, coalesce(request_body_truncated, false) as body_truncated,
            status_code as status, release, occurred_at
       from distinct_requests
      order by occurred_at desc
      limit $2`,
    [detectedErrorId, limit, RECENT_EVENTS],
  );
  return rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at) }));
}
