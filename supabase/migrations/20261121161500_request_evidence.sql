-- Evidence for reproducing failures: the failing request's headers and body on each error event,
-- the fields sanitizing had to change, and a few successful requests per route.

-- Headers (names lowercased, credentials redacted) and the body as the app received it: JSON, or
-- a string when it was not JSON; over 16 KiB it is cut and request_body_truncated is true.
-- sanitized lists the field paths whose text had NUL, control characters or lone surrogates
-- replaced before storage (null when none had).
alter table healing.error_events
  add column request_headers jsonb,
  add column request_body jsonb,
  add column request_body_truncated boolean,
  add column sanitized jsonb;

-- Successful (2xx) request-only events, at most ingest.requestSamplesPerRoute per route and
-- method, newest kept: reproduction replays them to learn the shape of a good answer. Each
-- (project, route, method) has that many numbered slots, and a write takes a slot, so the bound
-- holds however many batches write at once.
create table healing.request_samples (
  project_id uuid not null references healing.projects (id) on delete cascade,
  route text not null,
  method text not null,
  slot integer not null check (slot >= 0),
  status integer not null check (status between 200 and 299),
  url text,
  headers jsonb,
  body jsonb,
  body_truncated boolean not null default false,
  sanitized jsonb,
  occurred_at timestamptz not null,
  primary key (project_id, route, method, slot)
);

-- Retention deletes samples by age.
create index request_samples_occurred_idx on healing.request_samples (occurred_at);

alter table healing.request_samples enable row level security;
revoke all on healing.request_samples from anon, authenticated;
