import postgres from "postgres";

// Whether DATABASE_URL's own database can run pg_cron: the extension must be installed and this
// must be the database named by cron.database_name (pg_cron keeps its jobs in that one database).
// Fresh per-test databases never qualify, so the cron tests use DATABASE_URL's database itself.

export interface PgCronProbe {
  available: boolean;
  /** Why not, for the skip message. */
  reason: string;
  database: string | null;
}

export async function probePgCron(url: string | null): Promise<PgCronProbe> {
  if (!url) return { available: false, reason: "DATABASE_URL is not set", database: null };
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ database: string; cron_database: string | null; installable: boolean }[]>`
      select current_database() as database,
             current_setting('cron.database_name', true) as cron_database,
             exists (select 1 from pg_available_extensions where name = 'pg_cron') as installable`;
    if (!row!.installable) return { available: false, reason: "pg_cron is not installed on this server", database: row!.database };
    if (row!.cron_database !== row!.database) {
      return {
        available: false,
        reason: `pg_cron runs jobs in ${row!.cron_database ?? "(cron.database_name unset: not preloaded)"}, not in ${row!.database}`,
        database: row!.database,
      };
    }
    return { available: true, reason: "", database: row!.database };
  } catch (error) {
    return { available: false, reason: `could not probe pg_cron: ${(error as Error).message}`, database: null };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
