import { parseRuntimeEnv } from "../../src/config/runtime-env.ts";
import { migrate } from "../../src/store/migrate.ts";
import { openDatabase } from "../../src/store/open-database.ts";
import type { Sql } from "../../src/store/sql.ts";

/** The CLI's database: DATABASE_URL when set (migrated on demand), else embedded PGlite. */
export async function openCliDatabase(options: { dataDir?: string | null; migrate?: boolean } = {}): Promise<{ sql: Sql; embedded: boolean }> {
  const env = parseRuntimeEnv(process.env);
  const sql = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: options.dataDir ?? env.dataDir });
  if (env.databaseUrl && options.migrate !== false) await migrate(sql);
  return { sql, embedded: !env.databaseUrl };
}
