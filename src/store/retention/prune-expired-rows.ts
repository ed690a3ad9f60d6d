import type { Sql } from "../sql.ts";

// Bookkeeping rows that only matter for a while: request ids (dedupe of retried batches), the
// per-minute ingest quota windows, the cycle run log, and request samples no request has
// refreshed in a month (the code that answered them has likely changed since). Deleted in bounded batches so one run
// never holds locks for long; the next run continues where this one stopped.

export interface RetentionPolicy {
  /** Retries of a batch arrive within minutes; two days is generous. */
  requestIdsDays: number;
  quotaWindowsDays: number;
  cycleRunsDays: number;
  requestSamplesDays: number;
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  requestIdsDays: 2,
  quotaWindowsDays: 1,
  cycleRunsDays: 30,
  requestSamplesDays: 30,
  batchSize: 5000,
};

export interface PrunedRows {
  requestIds: number;
  quotaWindows: number;
  cycleRuns: number;
  requestSamples: number;
}

export async function pruneExpiredRows(sql: Sql, now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PrunedRows> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const [requestIds] = await sql.query<{ n: number }>(
    `with doomed as (
       select project_id, event_id from healing.request_event_ids
        where received_at < $1::timestamptz limit $2)
     , deleted as (
       delete from healing.request_event_ids r using doomed d
        where r.project_id = d.project_id and r.event_id = d.event_id returning 1)
     select count(*)::int as n from deleted`,
    [before(policy.requestIdsDays), policy.batchSize],
  );
  const [quotaWindows] = await sql.query<{ n: number }>(
    `with deleted as (delete from healing.ingest_quota where window_start < $1::timestamptz returning 1)
     select count(*)::int as n from deleted`,
    [before(policy.quotaWindowsDays)],
  );
  const [cycleRuns] = await sql.query<{ n: number }>(
    `with doomed as (select id from healing.cycle_runs where started_at < $1::timestamptz order by started_at limit $2),
     deleted as (delete from healing.cycle_runs c using doomed d where c.id = d.id returning 1)
     select count(*)::int as n from deleted`,
    [before(policy.cycleRunsDays), policy.batchSize],
  );
  // A handful per route: one statement deletes them all.
  const [requestSamples] = await sql.query<{ n: number }>(
    `with deleted as (delete from healing.request_samples where occurred_at < $1::timestamptz returning 1)
     select count(*)::int as n from deleted`,
    [before(policy.requestSamplesDays)],
  );
  return {
    requestIds: requestIds?.n ?? 0,
    quotaWindows: quotaWindows?.n ?? 0,
    cycleRuns: cycleRuns?.n ?? 0,
    requestSamples: requestSamples?.n ?? 0,
  };
}
