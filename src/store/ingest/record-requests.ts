import { type Sql, withRetryOnConflict } from "../sql.ts";

// Folds requests into per-route, per-minute metrics. Each request's event id is recorded first,
// so a retried batch (or the same request reported twice) counts once.

export interface RequestRow {
  event_id: string;
  route: string;
  method: string;
  /** ISO timestamp truncated to the minute by the database. */
  occurred_at: string;
  status: number | null;
  duration_ms: number | null;
  /** Index into LATENCY_BUCKET_BOUNDS_MS, or null without a duration. */
  bucket: number | null;
  /** False when the request belongs to an error event, which the error insert already counts. */
  request_only: boolean;
}

/** Upper bounds (ms) of the latency buckets; a test keeps healing.latency_bucket_bounds_ms() equal. */
export const LATENCY_BUCKET_BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, Infinity] as const;

export function latencyBucket(durationMs: number | null): number | null {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs < 0) return null;
  const index = LATENCY_BUCKET_BOUNDS_MS.findIndex((bound) => durationMs <= bound);
  return index === -1 ? LATENCY_BUCKET_BOUNDS_MS.length - 1 : index;
}

const bucketCounts = LATENCY_BUCKET_BOUNDS_MS.map(
  (_bound, index) => `count(*) filter (where bucket = ${index})::int`,
).join(", ");

const RECORD_REQUESTS = `
with input as (
  select * from jsonb_to_recordset($2::text::jsonb) as r(
    event_id text, route text, method text, occurred_at timestamptz, status integer,
    duration_ms double precision, bucket integer, request_only boolean)
),
fresh as (
  insert into healing.request_event_ids (project_id, event_id)
  select $1::uuid, event_id from input order by event_id
  on conflict do nothing
  returning event_id
),
counted as (
  select distinct on (i.event_id) i.*, date_trunc('minute', i.occurred_at) as minute
    from input i join fresh f using (event_id)
   order by i.event_id
),
aggregated as (
  select route, method, minute,
         count(*)::int as requests,
         (count(*) filter (where status >= 500))::int as errors,
         (count(*) filter (where status between 400 and 499))::int as client_errors,
         count(duration_ms)::int as duration_count,
         coalesce(sum(duration_ms), 0) as duration_sum_ms,
         coalesce(max(duration_ms), 0) as duration_max_ms,
         array[${bucketCounts}] as duration_buckets
    from counted
   group by route, method, minute
),
upserted as (
  insert into healing.request_metrics as m (
    project_id, route, method, minute, requests, errors, client_errors,
    duration_count, duration_sum_ms, duration_max_ms, duration_buckets)
  select $1::uuid, route, method, minute, requests, errors, client_errors,
         duration_count, duration_sum_ms, duration_max_ms, duration_buckets
    from aggregated
   order by route, method, minute
  on conflict (project_id, route, method, minute) do update set
    requests = m.requests + excluded.requests,
    errors = m.errors + excluded.errors,
    client_errors = m.client_errors + excluded.client_errors,
    duration_count = m.duration_count + excluded.duration_count,
    duration_sum_ms = m.duration_sum_ms + excluded.duration_sum_ms,
    duration_max_ms = greatest(m.duration_max_ms, excluded.duration_max_ms),
    duration_buckets = array(
      select a + b from unnest(m.duration_buckets, excluded.duration_buckets) with ordinality as t(a, b, n) order by n)
  returning 1
)
select (select count(*) from counted where request_only)::int as accepted,
       (select count(*) from input where request_only)::int as total
`;

/** Accepted and duplicate counts are of request-only rows; error events are counted by their own insert. */
export async function recordRequests(sql: Sql, projectId: string, rows: RequestRow[]): Promise<{ accepted: number; duplicates: number }> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0 };
  const result = await withRetryOnConflict(() =>
    sql.query<{ accepted: number; total: number }>(RECORD_REQUESTS, [projectId, JSON.stringify(rows)]),
  );
  const accepted = Number(result[0]?.accepted ?? 0);
  return { accepted, duplicates: Number(result[0]?.total ?? 0) - accepted };
}
