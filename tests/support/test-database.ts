import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrate } from "../../src/store/migrate.ts";
import { createPgliteSql } from "../../src/store/pglite/pglite-driver.ts";
import { createPostgresSql } from "../../src/store/postgres/postgres-driver.ts";
import type { Sql } from "../../src/store/sql.ts";

// Each test file gets a fresh database: an in-memory PGlite always, and a newly created
// PostgreSQL database when DATABASE_URL is set (dropped afterwards).

export interface TestDatabase {
  name: "pglite" | "postgres";
  sql: Sql;
  url: string | null;
  drop(): Promise<void>;
}

export const databaseUrl = process.env.DATABASE_URL ?? null;

/** The drivers to run database tests on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const testDrivers: Array<"pglite" | "postgres"> = databaseUrl ? ["pglite", "postgres"] : ["pglite"];

export async function createTestDatabase(driver: "pglite" | "postgres", options: { migrate?: boolean; max?: number } = {}): Promise<TestDatabase> {
  if (driver === "pglite") {
    const sql = await createPgliteSql();
    if (options.migrate !== false) await migrate(sql);
    return { name: "pglite", sql, url: null, drop: () => sql.close() };
  }
  if (!databaseUrl) throw new Error("DATABASE_URL is not set: PostgreSQL tests need it (see .ci/run)");
  const name = `suture_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(databaseUrl, name);
  const sql = createPostgresSql({ url, max: options.max ?? 10 });
  if (options.migrate !== false) await migrate(sql);
  return {
    name: "postgres",
    sql,
    url,
    async drop() {
      await sql.close();
      const cleanup = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
