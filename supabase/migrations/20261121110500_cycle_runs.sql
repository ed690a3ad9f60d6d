-- Every run of a cycle, and views that answer "is healing running?" in SQL. pg_cron's own
-- cron.job_run_details says "succeeded" as soon as an HTTP request is queued, so this table,
-- written by the cycle itself (src/cycles/run-cycle.ts), is the truth.

-- One row per run: inserted when it starts, completed when it stops. A row that never finishes
-- (finished_at null long after started_at) is a run whose worker died; its leases expire.
create table healing.cycle_runs (
  id bigint generated always as identity primary key,
  cycle text not null check (length(cycle) between 1 and 100),
  runner text not null check (length(runner) between 1 and 200),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  processed integer not null default 0 check (processed >= 0),
  opened integer not null default 0 check (opened >= 0),
  failed integer not null default 0 check (failed >= 0),
  -- partial: stopped at its deadline with work left for the next tick; skipped: started after
  -- its deadline and did nothing.
  outcome text check (outcome in ('succeeded', 'failed', 'partial', 'skipped')),
  error text,
  details jsonb not null default '{}',
  check ((finished_at is null) = (outcome is null))
);

-- Last run per cycle (cycle_health, the lag check) reads the newest rows of one cycle.
create index cycle_runs_cycle_started_idx on healing.cycle_runs (cycle, started_at desc);

-- Recent failures: runs that threw or had failing steps; few rows, so a partial index stays small.
create index cycle_runs_failures_idx on healing.cycle_runs (started_at desc)
  where outcome = 'failed' or failed > 0;

alter table healing.cycle_runs enable row level security;

-- Per cycle: its last run, how long since a run finished (lag), and the last day's failures.
-- security_invoker: the view reads cycle_runs with the caller's rights, so it exposes nothing
-- the caller could not already read (and anon/authenticated can read nothing in healing).
create view healing.cycle_health with (security_invoker = true) as
with last_run as (
  select distinct on (cycle) cycle, id, runner, started_at, finished_at, outcome, error,
         processed, opened, failed
    from healing.cycle_runs
   order by cycle, started_at desc, id desc
), last_finished as (
  select cycle, max(finished_at) as finished_at
    from healing.cycle_runs
   where finished_at is not null
   group by cycle
), last_day as (
  select cycle,
         count(*) as runs,
         count(*) filter (where outcome = 'failed' or failed > 0) as failures,
         count(*) filter (where outcome = 'partial') as partial_runs,
         -- Unfinished for over 15 minutes: no cycle runs that long (the heal function stops at
         -- its deadline), so the worker died before it could record the end.
         count(*) filter (where finished_at is null and started_at < now() - interval '15 minutes') as abandoned,
         coalesce(sum(processed), 0) as processed,
         coalesce(sum(opened), 0) as opened
    from healing.cycle_runs
   where started_at > now() - interval '1 day'
   group by cycle
)
select r.cycle,
       r.id as last_run_id,
       r.runner as last_runner,
       r.started_at as last_started_at,
       r.finished_at as last_run_finished_at,
       coalesce(r.outcome, 'running') as last_outcome,
       r.error as last_error,
       f.finished_at as last_finished_at,
       now() - f.finished_at as lag,
       coalesce(d.runs, 0) as runs_last_day,
       coalesce(d.failures, 0) as failures_last_day,
       coalesce(d.partial_runs, 0) as partial_runs_last_day,
       coalesce(d.abandoned, 0) as abandoned_runs_last_day,
       coalesce(d.processed, 0) as processed_last_day,
       coalesce(d.opened, 0) as opened_last_day
  from last_run r
  left join last_finished f using (cycle)
  left join last_day d using (cycle);

-- Runs of the last day that threw or had failing steps, newest first, with their errors.
create view healing.cycle_failures with (security_invoker = true) as
select id, cycle, runner, started_at, finished_at, outcome, processed, opened, failed, error,
       details -> 'errors' as step_errors
  from healing.cycle_runs
 where (outcome = 'failed' or failed > 0)
   and started_at > now() - interval '1 day'
 order by started_at desc;

revoke all on healing.cycle_runs from anon, authenticated;
revoke all on healing.cycle_health from public, anon, authenticated;
revoke all on healing.cycle_failures from public, anon, authenticated;
revoke all on all sequences in schema healing from anon, authenticated;
