import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../support/test-database.ts";

// Runs supabase/tests/database/*.sql with pg_prove against a freshly migrated database, so
// `npm test` covers the pgTAP suite wherever pg_prove and pgTAP are installed (CI installs both).

const TESTS_DIR = join("supabase", "tests", "database");

function hasPgProve(): boolean {
  try {
    execFileSync("pg_prove", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!databaseUrl || !hasPgProve())("pgTAP database tests (pg_prove)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
  });
  afterAll(async () => db?.drop());

  it("pass: anon and authenticated can read and write nothing in healing", async (context) => {
    const [available] = await db.sql.query(`select 1 from pg_available_extensions where name = 'pgtap'`);
    if (!available) context.skip("the pgtap extension is not installed on this server");
    const files = readdirSync(TESTS_DIR).filter((name) => name.endsWith(".sql")).sort().map((name) => join(TESTS_DIR, name));
    expect(files.length).toBeGreaterThan(0);
    const url = new URL(db.url!);
    const result = spawnSync("pg_prove", ["--verbose", ...files], {
      encoding: "utf8",
      env: {
        ...process.env,
        PGHOST: url.hostname,
        PGPORT: url.port || "5432",
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: url.pathname.slice(1),
      },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/Result: PASS/);
    expect(output).toMatch(/ok \d+ - anon cannot select from healing\.projects/);
    expect(output).toMatch(/ok \d+ - authenticated cannot delete from healing\.cycle_runs/);
  });
});
