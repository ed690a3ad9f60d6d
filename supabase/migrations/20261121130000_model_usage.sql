-- Model (Claude) token and cost accounting: per mission on healing.auto_fixes, and per project per
-- UTC day for the daily token budget.

-- What one mission spent on model calls over all its attempts (the per-mission budget reads these).
alter table healing.auto_fixes
  add column model_calls integer not null default 0 check (model_calls >= 0),
  add column model_input_tokens bigint not null default 0 check (model_input_tokens >= 0),
  add column model_output_tokens bigint not null default 0 check (model_output_tokens >= 0),
  add column model_cache_read_tokens bigint not null default 0 check (model_cache_read_tokens >= 0),
  add column model_cache_write_tokens bigint not null default 0 check (model_cache_write_tokens >= 0),
  add column model_cost_usd numeric(12, 6) not null default 0 check (model_cost_usd >= 0);

-- Tokens a project spent per UTC day. reserved_tokens holds estimates of calls in flight: a call
-- reserves its estimate in the same statement that checks the limit (so concurrent runners cannot
-- both slip under it), then settles to the real usage. A crash between the two leaves the
-- estimate reserved until the day ends, which errs towards spending less.
create table healing.model_usage_daily (
  project_id uuid not null references healing.projects (id) on delete cascade,
  day date not null,
  calls integer not null default 0 check (calls >= 0),
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cache_read_tokens bigint not null default 0 check (cache_read_tokens >= 0),
  cache_write_tokens bigint not null default 0 check (cache_write_tokens >= 0),
  reserved_tokens bigint not null default 0 check (reserved_tokens >= 0),
  cost_usd numeric(12, 6) not null default 0 check (cost_usd >= 0),
  updated_at timestamptz not null default now(),
  primary key (project_id, day)
);

-- Service-only, like every healing table: RLS on, no policies, nothing granted to the API roles.
alter table healing.model_usage_daily enable row level security;
revoke all on healing.model_usage_daily from anon, authenticated;
