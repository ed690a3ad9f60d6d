import { migrations as embeddedMigrations, type EmbeddedMigration } from "./generated/migrations.ts";
import type { Sql } from "./sql.ts";

// Applies the embedded migrations in order, each once. Safe to run concurrently: a transaction
// advisory lock (released at commit, so it also works through a transaction pooler) serialises
// runners, and applied versions are recorded in the same transaction as the migration.

export interface MigrationReport {
  applied: string[];
  skipped: string[];
}

const LOCK_KEY = 7_349_112_001;

export async function migrate(sql: Sql, migrations: readonly EmbeddedMigration[] = embeddedMigrations): Promise<MigrationReport> {
  await sql.exec(`
    create schema if not exists healing_meta;
    create table if not exists healing_meta.schema_migrations (
      version text primary key,
      name text not null,
      applied_at timestamptz not null default now()
    );
    alter table healing_meta.schema_migrations enable row level security;
    revoke all on schema healing_meta from public;
  `);
  const report: MigrationReport = { applied: [], skipped: [] };
  for (const migration of migrations) {
    await sql.transaction(async (tx) => {
      await tx.query("select pg_advisory_xact_lock($1)", [LOCK_KEY]);
      const done = await tx.query("select 1 from healing_meta.schema_migrations where version = $1", [migration.version]);
      if (done.length > 0) {
        report.skipped.push(migration.version);
        return;
      }
      await tx.exec(migration.sql);
      await tx.query("insert into healing_meta.schema_migrations (version, name) values ($1, $2)", [
        migration.version,
        migration.name,
      ]);
      report.applied.push(migration.version);
    });
  }
  return report;
}
