-- Proposals on a local git repository: the fix branch plus this row, the local counterpart of a
-- pull request. A person approves or rejects it with `suture approve|reject <mission>`; the next
-- detect-and-fix tick acts on the decision.

create table healing.local_proposals (
  mission_id uuid primary key references healing.auto_fixes (id) on delete cascade,
  project_id uuid not null references healing.projects (id) on delete cascade,
  branch text not null,
  head_commit text not null check (head_commit ~ '^[0-9a-f]{40,64}$'),
  base_branch text not null,
  title text not null,
  -- Its checks: the test command's run on checks_commit (validation null: no test command was
  -- configured). Kept, so a proposal waiting for a person is not tested again on every tick.
  checks_commit text,
  checks_command text,
  validation jsonb,
  -- A person's decision on head_commit; a new head commit clears it.
  decision text check (decision in ('approved', 'rejected')),
  decided_by text,
  decision_reason text,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A rejection always says why.
  check (decision is distinct from 'rejected' or length(coalesce(decision_reason, '')) > 0)
);

-- Service-only, like every healing table: RLS on, no policies, nothing granted to the API roles.
alter table healing.local_proposals enable row level security;
revoke all on healing.local_proposals from anon, authenticated;
