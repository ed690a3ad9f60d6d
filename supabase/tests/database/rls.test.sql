-- The API roles (anon, authenticated) can read and write nothing in schema healing: not a table,
-- not a view, not a function. Suture's data is reached only through the service's own
-- connection. Run with pg_prove against a migrated database; everything is rolled back.
begin;

create extension if not exists pgtap;

-- The checks run as each role in turn, so they live in a function the roles may call; it is
-- created in this transaction and rolled back with it.
create schema rls_tests;
grant usage on schema rls_tests to anon, authenticated;

-- Every table gets select/insert/update/delete attempts, every view a select, every function a
-- call; each must fail with insufficient_privilege (42501). Updates name an ordinary column: an
-- identity column would fail for another reason (428C9) and prove nothing about privileges.
create function rls_tests.denied_everything(role_name text) returns setof text
language plpgsql as $$
declare
  item record;
begin
  for item in
    select c.relname, c.relkind, (select quote_ident(a.attname) from pg_attribute a
                                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                     and a.attidentity = '' and a.attgenerated = ''
                                   order by a.attnum limit 1) as first_column
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'healing' and c.relkind in ('r', 'p', 'v', 'm')
     order by c.relname
  loop
    execute format('set local role %I', role_name);
    return next throws_ok(format('select * from healing.%I limit 1', item.relname), '42501', null,
      format('%s cannot select from healing.%s', role_name, item.relname));
    if item.relkind in ('r', 'p') then
      return next throws_ok(format('insert into healing.%I default values', item.relname), '42501', null,
        format('%s cannot insert into healing.%s', role_name, item.relname));
      return next throws_ok(format('update healing.%I set %s = %s', item.relname, item.first_column, item.first_column), '42501', null,
        format('%s cannot update healing.%s', role_name, item.relname));
      return next throws_ok(format('delete from healing.%I', item.relname), '42501', null,
        format('%s cannot delete from healing.%s', role_name, item.relname));
    end if;
    reset role;
  end loop;
  for item in
    select p.oid::regprocedure::text as signature, p.proname,
           (select string_agg('null', ', ') from unnest(p.proargtypes)) as nulls
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'healing' and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype
     order by 1
  loop
    execute format('set local role %I', role_name);
    return next throws_ok(format('select healing.%I(%s)', item.proname, coalesce(item.nulls, '')), '42501', null,
      format('%s cannot call %s', role_name, item.signature));
    reset role;
  end loop;
end;
$$;
grant execute on function rls_tests.denied_everything(text) to anon, authenticated;

select plan((
  select 2 * (
    (select count(*) * 4 from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'healing' and c.relkind in ('r', 'p'))
    + (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'healing' and c.relkind in ('v', 'm'))
    + (select count(*) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'healing' and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype)
  ) + 3
)::int);

-- The schema is there to be protected (a typo in a schema name would make every check pass).
select has_table('healing', 'projects', 'healing.projects exists');
select has_table('healing', 'cycle_runs', 'healing.cycle_runs exists');
select has_view('healing', 'cycle_health', 'healing.cycle_health exists');

select * from rls_tests.denied_everything('anon');
select * from rls_tests.denied_everything('authenticated');

select * from finish();
rollback;
