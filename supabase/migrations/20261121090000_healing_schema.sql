-- Suture's core schema: projects, raw error events, grouped errors, request metrics,
-- the append-only audit trail and per-project settings. Runs unchanged on PostgreSQL 15+ and PGlite.

create schema if not exists healing;

-- Supabase provides anon/authenticated; a plain PostgreSQL does not. Create them when missing so
-- the revocations below (and the RLS tests) mean the same thing everywhere.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;

-- A monitored application: where its code lives and how much Suture may do on its own.
create table healing.projects (
  id uuid primary key default gen_random_uuid(),
  -- Numeric id for Sentry DSNs, whose SDKs require a numeric project id in the URL.
  public_id bigint generated always as identity unique,
  name text not null check (length(name) between 1 and 200),
  repo text,
  default_branch text not null default 'main',
  autonomy_level smallint not null default 1 check (autonomy_level between 0 and 3),
  -- sha256 hex of the ingest key; the key itself is shown once and never stored.
  ingest_key_hash text not null unique check (ingest_key_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);

-- One row per occurrence. The primary key makes a repeated event_id count once, whatever the
-- batch or connection it arrives on.
create table healing.error_events (
  project_id uuid not null references healing.projects (id) on delete cascade,
  event_id text not null,
  fingerprint text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  source text not null check (source in ('generic', 'sentry', 'vercel')),
  level text not null,
  environment text,
  release text,
  error_type text not null,
  message text not null,
  frames jsonb not null default '[]',
  request_method text,
  request_route text,
  request_url text,
  status_code integer,
  -- sha256 of (project, user id): distinct-user counts without keeping the id itself.
  user_key text,
  tags jsonb not null default '{}',
  primary key (project_id, event_id)
);

-- Group timelines (detection windows, samples for a diagnosis) read by fingerprint and time.
create index error_events_group_time_idx on healing.error_events (project_id, fingerprint, occurred_at desc);

-- One row per fingerprint per project: the unit Suture detects, diagnoses and fixes.
create table healing.detected_errors (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references healing.projects (id) on delete cascade,
  fingerprint text not null,
  title text not null,
  error_type text not null,
  normalized_message text not null,
  culprit_file text,
  culprit_function text,
  culprit_line integer,
  first_seen timestamptz not null,
  last_seen timestamptz not null,
  event_count bigint not null default 0 check (event_count >= 0),
  user_count bigint not null default 0 check (user_count >= 0),
  severity text check (severity in ('P0', 'P1', 'P2', 'P3', 'P4')),
  severity_inputs jsonb,
  status text not null default 'new'
    check (status in ('new', 'incident', 'fixing', 'resolved', 'ignored', 'regressed')),
  last_release text,
  last_route text,
  updated_at timestamptz not null default now(),
  unique (project_id, fingerprint)
);

-- The error list ordered by recency, and detection's scan of active groups.
create index detected_errors_recent_idx on healing.detected_errors (project_id, last_seen desc);
create index detected_errors_status_idx on healing.detected_errors (project_id, status);

-- Which users a group has touched, so user_count stays exact across batches and writers.
create table healing.detected_error_users (
  project_id uuid not null references healing.projects (id) on delete cascade,
  fingerprint text not null,
  user_key text not null,
  primary key (project_id, fingerprint, user_key)
);

-- Request-only events are not stored one by one; their ids are kept so a retried batch
-- does not count a request twice.
create table healing.request_event_ids (
  project_id uuid not null references healing.projects (id) on delete cascade,
  event_id text not null,
  received_at timestamptz not null default now(),
  primary key (project_id, event_id)
);

-- Pruning of old request ids scans by time.
create index request_event_ids_received_idx on healing.request_event_ids (received_at);

-- Requests per route and minute. Latency is kept as a fixed-bucket histogram (upper bounds in
-- healing.latency_bucket_bounds_ms) so percentiles can be estimated after merging minutes.
create table healing.request_metrics (
  project_id uuid not null references healing.projects (id) on delete cascade,
  route text not null,
  method text not null,
  minute timestamptz not null check (date_trunc('minute', minute) = minute),
  requests integer not null default 0,
  errors integer not null default 0,
  client_errors integer not null default 0,
  duration_count integer not null default 0,
  duration_sum_ms double precision not null default 0,
  duration_max_ms double precision not null default 0,
  duration_buckets integer[] not null default '{0,0,0,0,0,0,0,0,0,0,0,0}',
  primary key (project_id, route, method, minute)
);

-- Detection and severity read a project's recent minutes across routes.
create index request_metrics_project_minute_idx on healing.request_metrics (project_id, minute desc);

-- Upper bounds (ms) of healing.request_metrics.duration_buckets; the last bucket is unbounded.
create function healing.latency_bucket_bounds_ms() returns double precision[]
language sql immutable as $$
  select array[10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 'Infinity']::double precision[]
$$;

-- The audit trail: every step of every mission, every decision, every error inside a cycle.
create table healing.healing_events (
  id bigint generated always as identity primary key,
  project_id uuid references healing.projects (id),
  trace_id uuid,
  mission_id uuid,
  kind text not null,
  message text not null,
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);

-- A mission's story is read back by trace; a project's feed by time.
create index healing_events_trace_idx on healing.healing_events (trace_id, id);
create index healing_events_project_time_idx on healing.healing_events (project_id, created_at desc);

-- The audit trail is append-only: history that can be edited proves nothing.
create function healing.refuse_healing_event_change() returns trigger
language plpgsql as $$
begin
  raise exception 'healing.healing_events is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege',
          hint = 'Write a new event that supersedes the old one instead.';
end;
$$;

-- Refuse row changes and removals, and wholesale truncation.
create trigger healing_events_append_only
  before update or delete on healing.healing_events
  for each row execute function healing.refuse_healing_event_change();

-- Truncate is a statement-level event; refuse it the same way.
create trigger healing_events_no_truncate
  before truncate on healing.healing_events
  for each statement execute function healing.refuse_healing_event_change();

-- Per-project settings validated by the application (src/config), and the pause switch that
-- stops every cycle's writes at once.
create table healing.system_config (
  project_id uuid primary key references healing.projects (id) on delete cascade,
  paused boolean not null default false,
  paused_reason text,
  settings jsonb not null default '{}',
  updated_at timestamptz not null default now()
);

-- Fixed one-minute windows of accepted events per project, for the ingest rate limit.
create table healing.ingest_quota (
  project_id uuid not null references healing.projects (id) on delete cascade,
  window_start timestamptz not null,
  events integer not null default 0,
  primary key (project_id, window_start)
);

-- Row level security on every table, and nothing for the API roles: Suture's tables are read
-- and written only by the service (functions, CLI) through a privileged connection.
alter table healing.projects enable row level security;
alter table healing.error_events enable row level security;
alter table healing.detected_errors enable row level security;
alter table healing.detected_error_users enable row level security;
alter table healing.request_event_ids enable row level security;
alter table healing.request_metrics enable row level security;
alter table healing.healing_events enable row level security;
alter table healing.system_config enable row level security;
alter table healing.ingest_quota enable row level security;

revoke all on schema healing from public;
revoke all on schema healing from anon, authenticated;
revoke all on all tables in schema healing from anon, authenticated;
revoke all on all sequences in schema healing from anon, authenticated;
revoke all on all functions in schema healing from public, anon, authenticated;
alter default privileges in schema healing revoke all on tables from anon, authenticated;
alter default privileges in schema healing revoke all on sequences from anon, authenticated;
alter default privileges in schema healing revoke all on functions from public, anon, authenticated;
