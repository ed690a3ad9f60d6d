import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { runCycle } from "../../src/cycles/run-cycle.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// Retention deletes bookkeeping past its use and nothing else.

describe.each(testDrivers)("retention cycle on %s", (driver) => {
  let db: TestDatabase;
  let ctx: HealContext;
  const now = new Date("2026-11-21T12:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    const { project } = await createProject(db.sql, { name: "retained" });
    await db.sql.query(
      `insert into healing.request_event_ids (project_id, event_id, received_at)
       select $1::uuid, 'old-' || i, $2::timestamptz - interval '3 days' from generate_series(1, 7) i
       union all select $1::uuid, 'new-' || i, $2::timestamptz - interval '1 hour' from generate_series(1, 3) i`,
      [project.id, now.toISOString()],
    );
    await db.sql.query(
      `insert into healing.ingest_quota (project_id, window_start, events) values ($1, $2::timestamptz - interval '2 days', 5), ($1, $2::timestamptz - interval '1 minute', 5)`,
      [project.id, now.toISOString()],
    );
    await db.sql.query(`insert into healing.healing_events (kind, message, created_at) values ('old', 'kept forever', $1::timestamptz - interval '400 days')`, [now.toISOString()]);
    ctx = { sql: db.sql, logger: silentLogger, now: () => now, runnerId: "retention-test", forgeFor: async () => { throw new Error("not used"); } };
  });
  afterAll(async () => db?.drop());

  it("deletes expired request ids and quota windows, keeps recent ones and the audit trail", async () => {
    const report = await runCycle("retention", ctx, { deadline: Date.now() + 10_000 });
    expect(report.processed).toBeGreaterThanOrEqual(8);
    const [counts] = await db.sql.query<{ ids: number; old_ids: number; windows: number; audit: number }>(
      `select (select count(*)::int from healing.request_event_ids) as ids,
              (select count(*)::int from healing.request_event_ids where event_id like 'old-%') as old_ids,
              (select count(*)::int from healing.ingest_quota) as windows,
              (select count(*)::int from healing.healing_events where kind = 'old') as audit`,
    );
    expect(counts).toEqual({ ids: 3, old_ids: 0, windows: 1, audit: 1 });
    const again = await runCycle("retention", ctx, { deadline: Date.now() + 10_000 });
    expect(again.processed).toBe(0);
  });
});
