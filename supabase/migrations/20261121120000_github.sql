-- GitHub as the output channel: webhook deliveries (so a redelivery counts once), the pull
-- requests Suture opened per mission with what GitHub last said about them, and the deployment
-- statuses GitHub reports, recorded in deployment_logs for the monitor.

-- One row per webhook delivery: a repeated X-GitHub-Delivery id is recognised and ignored.
create table healing.webhook_deliveries (
  delivery_id text primary key check (length(delivery_id) between 1 and 100),
  event text not null,
  action text,
  project_id uuid references healing.projects (id) on delete set null,
  mission_id uuid references healing.auto_fixes (id) on delete set null,
  received_at timestamptz not null default now()
);

-- Pruning old deliveries goes by age.
create index webhook_deliveries_received_idx on healing.webhook_deliveries (received_at);

-- A mission's pull requests (its fix, and a revert if one was needed) and the latest facts
-- webhooks reported. Webhooks only record; the detect-and-fix cycle reads rows changed since it
-- last looked (changed_at > seen_at), confirms with the API, and moves the mission.
create table healing.pull_requests (
  id bigint generated always as identity primary key,
  mission_id uuid not null references healing.auto_fixes (id) on delete cascade,
  project_id uuid not null references healing.projects (id) on delete cascade,
  kind text not null default 'fix' check (kind in ('fix', 'revert')),
  -- owner/name in lower case, as webhooks' repository.full_name is compared.
  repo text not null check (repo = lower(repo) and repo like '%/%'),
  number integer not null check (number > 0),
  url text,
  head_branch text not null,
  head_sha text,
  base_branch text,
  state text not null default 'open' check (state in ('open', 'closed', 'merged')),
  merge_commit text,
  -- A hint from check_run / check_suite / status events; the cycle confirms with the API.
  checks_status text not null default 'none' check (checks_status in ('pending', 'success', 'failure', 'none')),
  checks_summary text,
  review_state text check (review_state in ('approved', 'changes_requested', 'commented', 'dismissed')),
  reviewed_by text,
  changed_at timestamptz not null default now(),
  seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (repo, number),
  unique (mission_id, kind)
);

-- Webhook lookups: by head commit (check runs, statuses) and by branch (pushes).
create index pull_requests_head_sha_idx on healing.pull_requests (repo, head_sha);
create index pull_requests_head_branch_idx on healing.pull_requests (repo, head_branch);

-- The cycle's question: which of a project's pull requests changed since it last looked.
create index pull_requests_changed_idx on healing.pull_requests (project_id, changed_at);

-- Deployments GitHub reports (deployment_status webhooks) next to the merges Suture made.
alter table healing.deployment_logs
  add column source text not null default 'suture' check (source in ('suture', 'github')),
  add column delivery_id text,
  add column deployment_id bigint,
  add column environment_url text,
  add column description text;

-- A deployment status is recorded once, whichever delivery brings it.
create unique index deployment_logs_github_status_idx on healing.deployment_logs (project_id, deployment_id, status)
  where deployment_id is not null;

alter table healing.webhook_deliveries enable row level security;
alter table healing.pull_requests enable row level security;

revoke all on healing.webhook_deliveries, healing.pull_requests from anon, authenticated;
revoke all on all sequences in schema healing from anon, authenticated;
