import { migrate } from "./migrate.ts";
import { createPgliteSql } from "./pglite/pglite-driver.ts";
import { createPostgresSql } from "./postgres/postgres-driver.ts";
import type { Sql } from "./sql.ts";

// Picks the driver: PostgreSQL when a URL is given, otherwise embedded PGlite, which is migrated
// on open because nobody else will.

export interface OpenDatabaseOptions {
  databaseUrl?: string | null;
  /** PGlite only: persist here instead of in memory. */
  dataDir?: string | null;
  /** PostgreSQL pool size. */
  max?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Sql> {
  if (options.databaseUrl) return createPostgresSql({ url: options.databaseUrl, max: options.max });
  const sql = await createPgliteSql({ dataDir: options.dataDir ?? undefined });
  await migrate(sql);
  return sql;
}
