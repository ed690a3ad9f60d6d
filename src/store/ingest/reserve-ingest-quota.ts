import type { Sql } from "../sql.ts";

// A fixed one-minute window per project. The check and the increment are one statement, so
// concurrent requests cannot both slip under the limit.

export interface QuotaDecision {
  allowed: boolean;
  /** Seconds until the current window ends (for Retry-After). */
  retryAfterSeconds: number;
}

export async function reserveIngestQuota(
  sql: Sql,
  projectId: string,
  events: number,
  limitPerMinute: number,
  now: Date,
): Promise<QuotaDecision> {
  const windowStart = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + 60_000 - now.getTime()) / 1000));
  if (events > limitPerMinute) return { allowed: false, retryAfterSeconds };
  const rows = await sql.query(
    `insert into healing.ingest_quota as q (project_id, window_start, events)
     values ($1, $2, $3)
     on conflict (project_id, window_start) do update set events = q.events + excluded.events
       where q.events + excluded.events <= $4
     returning events`,
    [projectId, windowStart.toISOString(), events, limitPerMinute],
  );
  return { allowed: rows.length > 0, retryAfterSeconds };
}
