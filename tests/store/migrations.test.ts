import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../src/store/generated/migrations.ts";
import { migrate } from "../../src/store/migrate.ts";
import { LATENCY_BUCKET_BOUNDS_MS } from "../../src/store/ingest/record-requests.ts";
import { GENERATED_PATH, MIGRATIONS_DIR, renderMigrationsModule } from "../../scripts/generate-migrations.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

describe("embedded migrations", () => {
  it("match supabase/migrations (run scripts/generate-migrations.ts after adding one)", () => {
    expect(readFileSync(GENERATED_PATH, "utf8")).toBe(renderMigrationsModule(MIGRATIONS_DIR));
  });
});

describe.each(testDrivers)("migrations on %s", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver, { migrate: false });
  });
  afterAll(async () => db?.drop());

  it("apply cleanly, and a second run changes nothing", async () => {
    const first = await migrate(db.sql);
    expect(first.applied).toEqual(migrations.map((m) => m.version));
    const second = await migrate(db.sql);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(migrations.map((m) => m.version));
  });

  it("enable row level security on every table in the healing schema", async () => {
    const rows = await db.sql.query<{ relname: string; relrowsecurity: boolean }>(
      `select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('healing', 'healing_meta') and c.relkind = 'r' order by 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(rows.filter((r) => !r.relrowsecurity).map((r) => r.relname)).toEqual([]);
  });

  it("grant nothing on healing tables to anon or authenticated", async () => {
    const rows = await db.sql.query<{ grantee: string; table_name: string }>(
      `select grantee, table_name from information_schema.role_table_grants
        where table_schema = 'healing' and grantee in ('anon', 'authenticated', 'PUBLIC')`,
    );
    expect(rows).toEqual([]);
  });

  it("refuse updates, deletes and truncation of healing_events", async () => {
    await db.sql.query(`insert into healing.healing_events (kind, message) values ('test', 'kept')`);
    await expect(db.sql.query(`update healing.healing_events set message = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`delete from healing.healing_events`)).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`truncate healing.healing_events`)).rejects.toThrow(/append-only/);
    const rows = await db.sql.query<{ message: string }>(`select message from healing.healing_events`);
    expect(rows.map((r) => r.message)).toEqual(["kept"]);
  });

  it("keep the latency bucket bounds equal to the application's", async () => {
    const rows = await db.sql.query<{ bounds: number[] }>(`select healing.latency_bucket_bounds_ms() as bounds`);
    expect(rows[0]!.bounds.map(Number)).toEqual([...LATENCY_BUCKET_BOUNDS_MS]);
  });
});
