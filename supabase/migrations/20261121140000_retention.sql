-- The retention cycle: indexes for its deletes by age, and its hourly schedule.

-- Retention deletes quota windows and run records by age alone.
create index ingest_quota_window_idx on healing.ingest_quota (window_start);
create index cycle_runs_started_idx on healing.cycle_runs (started_at);

-- Hourly, where pg_cron is available (ensure_cycle_schedule is a no-op without it).
select healing.ensure_cycle_schedule('retention', '17 * * * *');
