import { type Sql, withRetryOnConflict } from "../sql.ts";

// Folds requests into per-route, per-minute metrics. Each request's event id is recorded first,
// so a retried batch (or the same request reported twice) counts once. The same statement keeps
// the newest successful request-only events of each route and method in request_samples.

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
  /** What a sample keeps; set only on rows that may become one (request-only, 2xx). */
  url?: string | null;
  headers?: Record<string, string> | null;
  body?: unknown;
  body_truncated?: boolean;
  sanitized?: string[] | null;
}

/** Whether a request may become a request sample: a successful answer that no error came with. */
export function isSampleCandidate(row: Pick<RequestRow, "request_only" | "status">): boolean {
  return row.request_only && row.status !== null && row.status >= 200 && row.status <= 299;
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

const METRIC_COLUMNS = `event_id text, route text, method text, occurred_at timestamptz, status integer,
    duration_ms double precision, bucket integer, request_only boolean`;
const SAMPLE_COLUMNS = "url text, headers jsonb, body jsonb, body_truncated boolean, sanitized jsonb";

const METRICS = `
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
)`;

// Samples: each (route, method) has $3 slots. The sample candidates of a key, newest first, are
// paired with its slots, empty ones first and then the oldest held: the i-th newest candidate
// takes the i-th slot when it is newer than what the slot holds. That keeps the newest $3 of the
// old samples and the new ones together, and a write can only replace a slot, so a key never has
// more than $3 rows, whatever writes run at once (a racing writer's newer sample wins its slot).
// Slots past $3 (the setting was lowered) are dropped for the keys written.
const SAMPLES = `
candidates as (
  select c.*, row_number() over (partition by c.route, c.method order by c.occurred_at desc, c.event_id) as rank
    from counted c
   where c.request_only and c.status between 200 and 299
),
sample_keys as (
  select distinct route, method from candidates
),
slots as (
  select k.route, k.method, s.slot, held.occurred_at as held_at,
         row_number() over (partition by k.route, k.method order by held.occurred_at nulls first, s.slot) as rank
    from sample_keys k
   cross join generate_series(0, $3::int - 1) as s(slot)
    left join healing.request_samples held
      on held.project_id = $1::uuid and held.route = k.route and held.method = k.method and held.slot = s.slot
),
sampled as (
  insert into healing.request_samples as t (
    project_id, route, method, slot, status, url, headers, body, body_truncated, sanitized, occurred_at)
  select $1::uuid, c.route, c.method, s.slot, c.status, c.url, c.headers, c.body,
         coalesce(c.body_truncated, false), c.sanitized, c.occurred_at
    from candidates c
    join slots s using (route, method, rank)
   where s.held_at is null or c.occurred_at > s.held_at
   order by c.route, c.method, s.slot
  on conflict (project_id, route, method, slot) do update set
    status = excluded.status, url = excluded.url, headers = excluded.headers, body = excluded.body,
    body_truncated = excluded.body_truncated, sanitized = excluded.sanitized, occurred_at = excluded.occurred_at
    where excluded.occurred_at > t.occurred_at
  returning 1
),
surplus as (
  delete from healing.request_samples r
   using sample_keys k
   where r.project_id = $1::uuid and r.route = k.route and r.method = k.method and r.slot >= $3::int
  returning 1
)`;

const COUNTS = `(select count(*) from counted where request_only)::int as accepted,
       (select count(*) from input where request_only)::int as total`;

// A chunk without sample candidates (error traffic, failed requests) runs the statement without
// the sample steps: a smaller statement to plan on every call (`prepare: false`).
const RECORD_REQUESTS = `
with input as (select * from jsonb_to_recordset($2::text::jsonb) as r(${METRIC_COLUMNS})),
${METRICS}
select ${COUNTS}, 0 as sampled
`;

const RECORD_REQUESTS_AND_SAMPLES = `
with input as (select * from jsonb_to_recordset($2::text::jsonb) as r(${METRIC_COLUMNS}, ${SAMPLE_COLUMNS})),
${METRICS},
${SAMPLES}
select ${COUNTS}, (select count(*) from sampled)::int as sampled
`;

/**
 * Accepted and duplicate counts are of request-only rows; error events are counted by their own
 * insert. `samplesPerRoute` is the project's ingest.requestSamplesPerRoute (0 keeps none).
 */
export async function recordRequests(
  sql: Sql,
  projectId: string,
  rows: RequestRow[],
  samplesPerRoute: number,
): Promise<{ accepted: number; duplicates: number; sampled: number }> {
  if (rows.length === 0) return { accepted: 0, duplicates: 0, sampled: 0 };
  const payload = JSON.stringify(rows);
  const withSamples = rows.some(isSampleCandidate);
  const result = await withRetryOnConflict(() =>
    sql.query<{ accepted: number; total: number; sampled: number }>(
      withSamples ? RECORD_REQUESTS_AND_SAMPLES : RECORD_REQUESTS,
      withSamples ? [projectId, payload, samplesPerRoute] : [projectId, payload],
    ),
  );
  const accepted = Number(result[0]?.accepted ?? 0);
  return { accepted, duplicates: Number(result[0]?.total ?? 0) - accepted, sampled: Number(result[0]?.sampled ?? 0) };
}
