import { type Sql, withRetryOnConflict } from "../sql.ts";

// One statement stores a batch of error events and folds them into their groups. The event
// primary key drops repeats (also those racing in on other connections); only rows that were
// really inserted reach the group counters, so counts stay exact under concurrency. Rows are
// inserted in key order so concurrent batches take row locks in the same order.

export interface ErrorEventRow {
  event_id: string;
  fingerprint: string;
  occurred_at: string;
  source: string;
  level: string;
  environment: string | null;
  release: string | null;
  error_type: string;
  message: string;
  frames: unknown[];
  causes: unknown[];
  request_method: string | null;
  request_route: string | null;
  request_url: string | null;
  // The optional fields are left out of the JSON payload when absent, as most are: they cost
  // bytes on every row of every batch (see `npm run bench`). Absent reads as null.
  request_headers?: Record<string, string>;
  /** JSON, or a string when the body was not JSON. */
  request_body?: unknown;
  request_body_truncated?: boolean;
  status_code: number | null;
  user_key: string | null;
  tags: Record<string, string>;
  title: string;
  normalized_message: string;
  culprit_file: string | null;
  culprit_function: string | null;
  culprit_line: number | null;
  /** Field paths whose text was sanitized before storage. */
  sanitized?: string[];
}

export interface RecordErrorEventsResult {
  accepted: number;
  duplicates: number;
}

const RECORD_ERROR_EVENTS = `
with input as (
  select * from jsonb_to_recordset($2::text::jsonb) as r(
    event_id text, fingerprint text, occurred_at timestamptz, source text, level text,
    environment text, release text, error_type text, message text, frames jsonb, causes jsonb,
    request_method text, request_route text, request_url text, request_headers jsonb,
    request_body jsonb, request_body_truncated boolean, status_code integer,
    user_key text, tags jsonb, title text, normalized_message text,
    culprit_file text, culprit_function text, culprit_line integer, sanitized jsonb)
),
inserted as (
  insert into healing.error_events (
    project_id, event_id, fingerprint, occurred_at, source, level, environment, release,
    error_type, message, frames, causes, request_method, request_route, request_url,
    request_headers, request_body, request_body_truncated, status_code, user_key, tags, sanitized)
  select $1::uuid, event_id, fingerprint, occurred_at, source, level, environment, release,
         error_type, message, frames, coalesce(causes, '[]'::jsonb), request_method, request_route, request_url,
         request_headers, request_body, request_body_truncated, status_code, user_key, tags, sanitized
    from input
   order by event_id
  on conflict (project_id, event_id) do nothing
  returning fingerprint, occurred_at, user_key, release, request_route
),
new_users as (
  insert into healing.detected_error_users (project_id, fingerprint, user_key)
  select distinct $1::uuid, fingerprint, user_key from inserted where user_key is not null
   order by 2, 3
  on conflict do nothing
  returning fingerprint
),
user_counts as (
  select fingerprint, count(*) as users from new_users group by fingerprint
),
event_counts as (
  select fingerprint,
         count(*) as events,
         min(occurred_at) as first_seen,
         max(occurred_at) as last_seen,
         (array_agg(release order by occurred_at desc) filter (where release is not null))[1] as last_release,
         (array_agg(request_route order by occurred_at desc) filter (where request_route is not null))[1] as last_route
    from inserted
   group by fingerprint
),
group_info as (
  select distinct on (fingerprint) fingerprint, title, error_type, normalized_message,
         culprit_file, culprit_function, culprit_line
    from input
   order by fingerprint, occurred_at desc
),
upserted as (
  insert into healing.detected_errors as d (
    project_id, fingerprint, title, error_type, normalized_message, culprit_file,
    culprit_function, culprit_line, first_seen, last_seen, event_count, user_count,
    last_release, last_route)
  select $1::uuid, e.fingerprint, g.title, g.error_type, g.normalized_message, g.culprit_file,
         g.culprit_function, g.culprit_line, e.first_seen, e.last_seen, e.events,
         coalesce(u.users, 0), e.last_release, e.last_route
    from event_counts e
    join group_info g using (fingerprint)
    left join user_counts u using (fingerprint)
   order by e.fingerprint
  on conflict (project_id, fingerprint) do update set
    event_count = d.event_count + excluded.event_count,
    user_count = d.user_count + excluded.user_count,
    first_seen = least(d.first_seen, excluded.first_seen),
    last_seen = greatest(d.last_seen, excluded.last_seen),
    last_release = case when excluded.last_seen >= d.last_seen
                        then coalesce(excluded.last_release, d.last_release) else d.last_release end,
    last_route = case when excluded.last_seen >= d.last_seen
                      then coalesce(excluded.last_route, d.last_route) else d.last_route end,
    culprit_line = case when excluded.last_seen >= d.last_seen
                        then coalesce(excluded.culprit_line, d.culprit_line) else d.culprit_line end,
    updated_at = now()
  returning 1
)
select (select count(*) from inserted)::int as accepted,
       (select count(*) from upserted)::int as groups
`;

export async function recordErrorEvents(sql: Sql, projectId: string, rows: ErrorEventRow[]): Promise<RecordErrorEventsResult> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  const payload = JSON.stringify(rows);
  const result = await withRetryOnConflict(() =>
    sql.query<{ accepted: number }>(RECORD_ERROR_EVENTS, [projectId, payload]),
  );
  const accepted = Number(result[0]?.accepted ?? 0);
  return { accepted, duplicates: rows.length - accepted };
}
