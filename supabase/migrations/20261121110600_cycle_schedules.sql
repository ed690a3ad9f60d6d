-- The database schedules the healing cycles itself: pg_cron calls healing.invoke_cycle(name),
-- which reaches the `heal` edge function over HTTP (pg_net, Supabase) or, where pg_net is absent
-- (a local PostgreSQL), sends NOTIFY suture_cycles for `suture dev` to turn into the same call.
-- Applies cleanly where neither pg_cron nor pg_net exists (PGlite, a database other than
-- cron.database_name): the function is created, nothing is scheduled.

-- pg_net and pg_cron when this database may have them (Supabase: yes; pg_cron only in the
-- database named by cron.database_name). A failure here only means "not available here".
do $$
begin
  begin
    create extension if not exists pg_net;
  exception when others then
    raise notice 'pg_net is not available (%); healing.invoke_cycle will use NOTIFY', sqlerrm;
  end;
  begin
    create extension if not exists pg_cron;
  exception when others then
    raise notice 'pg_cron is not available in this database (%); the cycles are not scheduled here', sqlerrm;
  end;
end $$;

-- Starts one run of a cycle. Over HTTP when pg_net and both Vault secrets exist: the request is
-- queued now and sent after commit by pg_net's worker, so pg_cron's "succeeded" only means
-- "queued" (healing.cycle_runs records what the run did). The timeout outlasts the heal
-- function's own 25 s budget so the response (the run's report) lands in net._http_response
-- instead of a timeout. Otherwise NOTIFY, which `suture dev` listens for.
-- security definer: reading vault.decrypted_secrets needs the owner's rights; the search path is
-- empty so every name below is schema-qualified and nothing can be shadowed.
create or replace function healing.invoke_cycle(cycle text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  functions_url text;
  cron_secret text;
  request_id bigint;
begin
  if cycle is null or cycle !~ '^[a-z][a-z0-9-]{0,62}$' then
    raise exception 'healing.invoke_cycle: % is not a cycle name', coalesce(quote_literal(cycle), 'null')
      using errcode = 'invalid_parameter_value';
  end if;
  if exists (select 1 from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
              where n.nspname = 'net' and p.proname = 'http_post')
     and pg_catalog.to_regclass('vault.decrypted_secrets') is not null then
    execute $q$select decrypted_secret from vault.decrypted_secrets where name = 'suture_functions_url' limit 1$q$
      into functions_url;
    execute $q$select decrypted_secret from vault.decrypted_secrets where name = 'suture_cron_secret' limit 1$q$
      into cron_secret;
    if functions_url is not null and cron_secret is not null then
      execute 'select net.http_post(url => $1, body => $2, headers => $3, timeout_milliseconds => $4)'
        into request_id
        using pg_catalog.rtrim(functions_url, '/') || '/heal',
              pg_catalog.jsonb_build_object('cycle', cycle),
              pg_catalog.jsonb_build_object('content-type', 'application/json', 'x-suture-cron-secret', cron_secret),
              30000;
      return 'http ' || request_id;
    end if;
    raise warning 'healing.invoke_cycle: pg_net is installed but the Vault secrets suture_functions_url and suture_cron_secret are not both set; sending NOTIFY suture_cycles instead (see docs/deploy-supabase.md)';
  end if;
  perform pg_catalog.pg_notify('suture_cycles', cycle);
  return 'notify';
end;
$$;

-- Ensures one pg_cron job per cycle, named suture-<cycle>: creates it, replaces one whose
-- schedule or command changed (unschedule, then schedule), and leaves a matching one alone, so
-- running it again changes nothing (same job id). Returns created, updated, unchanged, or
-- skipped where pg_cron is absent. Later migrations call it for new cycles.
create or replace function healing.ensure_cycle_schedule(cycle text, schedule text) returns text
language plpgsql set search_path = '' as $$
declare
  job_name text := 'suture-' || cycle;
  job_command text := pg_catalog.format('select healing.invoke_cycle(%L)', cycle);
  existing_id bigint;
  existing_schedule text;
  existing_command text;
  existing_database text;
  existing_active boolean;
begin
  if pg_catalog.to_regclass('cron.job') is null then
    return 'skipped';
  end if;
  execute 'select jobid, schedule, command, database, active from cron.job
            where jobname = $1 and username = current_user order by jobid limit 1'
    into existing_id, existing_schedule, existing_command, existing_database, existing_active
    using job_name;
  if existing_id is not null
     and existing_schedule = schedule
     and existing_command = job_command
     and existing_database = pg_catalog.current_database()
     and existing_active then
    return 'unchanged';
  end if;
  if existing_id is not null then
    execute 'select cron.unschedule($1)' using existing_id;
  end if;
  execute 'select cron.schedule($1, $2, $3)' using job_name, schedule, job_command;
  return case when existing_id is null then 'created' else 'updated' end;
end;
$$;

-- The cycles that exist now. detect-and-fix every minute: new incidents should not wait.
-- deployment-monitoring every 2 minutes: a regression is rolled back within minutes of showing.
-- pattern-learning every 10 minutes: statistics, nothing waits on them.
select healing.ensure_cycle_schedule('detect-and-fix', '* * * * *');
select healing.ensure_cycle_schedule('deployment-monitoring', '*/2 * * * *');
select healing.ensure_cycle_schedule('pattern-learning', '*/10 * * * *');

revoke all on function healing.invoke_cycle(text) from public, anon, authenticated;
revoke all on function healing.ensure_cycle_schedule(text, text) from public, anon, authenticated;
