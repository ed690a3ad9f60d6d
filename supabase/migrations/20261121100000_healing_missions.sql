-- Missions (one per incident), learned pattern statistics and deployments: the healing loop's state.

-- A mission: the persisted state machine that takes one incident from detection to a verdict.
create table healing.auto_fixes (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references healing.projects (id) on delete cascade,
  detected_error_id uuid not null references healing.detected_errors (id) on delete cascade,
  fingerprint text not null,
  trace_id uuid not null default gen_random_uuid() unique,
  state text not null default 'detected' check (state in (
    'detected', 'diagnosing', 'fixing', 'validating', 'proposed', 'applied', 'watching',
    'healed', 'not_healed', 'regressed', 'rolled_back', 'needs_human', 'rejected')),
  incident jsonb not null default '{}',
  severity text check (severity in ('P0', 'P1', 'P2', 'P3', 'P4')),
  severity_inputs jsonb,
  diagnosis jsonb,
  fix jsonb,
  validation jsonb,
  attempts integer not null default 0,
  pattern_id text,
  confidence double precision,
  risk text check (risk in ('low', 'medium', 'high')),
  decision text check (decision in ('auto_apply', 'pull_request', 'needs_human', 'rejected')),
  decision_reason text,
  branch text,
  commit_sha text,
  -- When the fix branch was built (the clock of the run): the fixes-per-hour limit counts these.
  fixed_at timestamptz,
  merge_commit text,
  revert_commit text,
  deployed_at timestamptz,
  watch_until timestamptz,
  verdict jsonb,
  learned_at timestamptz,
  last_error text,
  -- Row lease: who works the mission and until when; an expired lease means the runner died.
  locked_by text,
  locked_until timestamptz,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One open mission per incident: a second detection of the same group joins the open one.
create unique index auto_fixes_one_open_per_group on healing.auto_fixes (detected_error_id)
  where state not in ('healed', 'not_healed', 'regressed', 'rolled_back', 'needs_human', 'rejected');

-- The claim query: workable missions by due time, skipping leased rows.
create index auto_fixes_claim_idx on healing.auto_fixes (next_attempt_at)
  where state in ('detected', 'diagnosing', 'fixing', 'validating', 'applied', 'watching');

-- A project's missions by recency (replay output, dashboards).
create index auto_fixes_project_time_idx on healing.auto_fixes (project_id, created_at desc);

-- Rate limits: fixes built in the last hour per project.
create index auto_fixes_project_fixed_idx on healing.auto_fixes (project_id, fixed_at desc) where fixed_at is not null;

-- Verdicts not yet learned from (pattern-learning cycle).
create index auto_fixes_unlearned_idx on healing.auto_fixes (project_id)
  where learned_at is null and state in ('healed', 'not_healed', 'regressed', 'rolled_back', 'rejected');

-- Per-pattern outcomes. project_id null holds the statistics shared by every project.
create table healing.universal_error_patterns (
  id uuid primary key default gen_random_uuid(),
  project_id uuid references healing.projects (id) on delete cascade,
  pattern_id text not null,
  error_class text not null,
  successes integer not null default 0 check (successes >= 0),
  failures integer not null default 0 check (failures >= 0),
  confidence double precision,
  last_outcome_at timestamptz,
  retired boolean not null default false,
  updated_at timestamptz not null default now(),
  unique nulls not distinct (project_id, pattern_id)
);

-- Merges, reverts and deploys Suture made or observed; the monitor judges fixes against them.
create table healing.deployment_logs (
  id bigint generated always as identity primary key,
  project_id uuid not null references healing.projects (id) on delete cascade,
  mission_id uuid references healing.auto_fixes (id) on delete set null,
  kind text not null check (kind in ('merge', 'revert', 'deploy')),
  environment text not null default 'production',
  commit_sha text not null,
  status text not null default 'succeeded',
  created_at timestamptz not null default now()
);

-- Deployments per project by time (rate limit: deployments per day; correlation with errors).
create index deployment_logs_project_time_idx on healing.deployment_logs (project_id, created_at desc);

alter table healing.auto_fixes enable row level security;
alter table healing.universal_error_patterns enable row level security;
alter table healing.deployment_logs enable row level security;

revoke all on all tables in schema healing from anon, authenticated;
revoke all on all sequences in schema healing from anon, authenticated;
