import { PGlite, types } from "@electric-sql/pglite";
import { type Sql, type SqlParam, toSqlError } from "../sql.ts";

// PGlite: PostgreSQL compiled to WASM, in-process. The embedded default when DATABASE_URL is unset:
// in memory, or persisted in a directory the user names.

export interface PgliteDriverOptions {
  /** A directory to persist into; in memory when absent. */
  dataDir?: string;
}

type Queryable = Pick<PGlite, "query" | "exec">;

export async function createPgliteSql(options: PgliteDriverOptions = {}): Promise<Sql> {
  const db = new PGlite(options.dataDir, {
    parsers: { [types.INT8]: (value: string) => Number(value) },
  });
  await db.waitReady;
  return wrapPglite(db, db);
}

function wrapPglite(client: Queryable, root: PGlite): Sql {
  return {
    driver: "pglite",
    async query<Row>(text: string, params: readonly SqlParam[] = []) {
      try {
        const result = await client.query<Row>(text, params as unknown[]);
        return result.rows;
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      if (client !== root) return fn(wrapPglite(client, root));
      try {
        return await root.transaction((tx) => fn(wrapPglite(tx, root)));
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async exec(script: string) {
      try {
        await client.exec(script);
      } catch (error) {
        throw toSqlError(error);
      }
    },
    async close() {
      if (client === root) await root.close();
    },
  };
}
