import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { runCycle } from "../../src/cycles/run-cycle.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { storeEvents } from "../../src/ingest/store-events.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { errorEvent } from "../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// The pause switch in system_config stops every cycle's writes at once.

describe.each(testDrivers)("pause switch on %s", (driver) => {
  let db: TestDatabase;
  let projectId: string;
  let ctx: HealContext;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    projectId = (await createProject(db.sql, { name: "paused" })).project.id;
    const events = [1, 2, 3, 4].map((i) => errorEvent({ id: `p${i}`, at: `2026-11-20T10:0${i}:00Z` }));
    await storeEvents(db.sql, projectId, parseGenericBatch(JSON.stringify(events), null).events);
    ctx = {
      sql: db.sql,
      logger: silentLogger,
      now: () => new Date("2026-11-20T10:10:00Z"),
      runnerId: "pause-test",
      forgeFor: async () => {
        throw new Error("a paused project must not reach its forge");
      },
    };
  });
  afterAll(async () => db?.drop());

  async function counts() {
    const [row] = await db.sql.query<{ missions: number; events: number }>(
      `select (select count(*)::int from healing.auto_fixes) as missions, (select count(*)::int from healing.healing_events) as events`,
    );
    return row!;
  }

  it("writes nothing while the project is paused", async () => {
    await db.sql.query(`update healing.system_config set paused = true, paused_reason = 'incident review' where project_id = $1`, [projectId]);
    for (const name of ["detect-and-fix", "deployment-monitoring", "pattern-learning"] as const) {
      await runCycle(name, ctx, { deadline: Date.now() + 10_000, projectId });
    }
    expect(await counts()).toEqual({ missions: 0, events: 0 });
  });

  it("opens the incident once healing resumes", async () => {
    await db.sql.query(`update healing.system_config set paused = false where project_id = $1`, [projectId]);
    const report = await runCycle("detect-and-fix", { ...ctx, forgeFor: async () => { throw Object.assign(new Error("no forge in this test"), { code: "NO_FORGE" }); } }, { deadline: Date.now() + 10_000, projectId });
    expect(report.opened).toBe(1);
    expect((await counts()).missions).toBe(1);
    // The unreachable forge is recorded, not thrown out of the cycle.
    expect(report.failed).toBe(1);
    const [failure] = await db.sql.query<{ message: string }>(`select message from healing.healing_events where kind = 'cycle.project_failed'`);
    expect(failure!.message).toMatch(/no forge in this test/);
  });

  it("learns nothing from a paused project's finished missions until healing resumes", async () => {
    const [mission] = await db.sql.query<{ id: string }>(`select id from healing.auto_fixes where project_id = $1`, [projectId]);
    await db.sql.query(
      `update healing.auto_fixes set state = 'healed', pattern_id = 'property-of-nullish', diagnosis = '{"errorClass": "property-of-nullish"}'::jsonb where id = $1`,
      [mission!.id],
    );
    await db.sql.query(`update healing.system_config set paused = true where project_id = $1`, [projectId]);
    const learnedNothing = async () => {
      const [row] = await db.sql.query<{ learned: number; patterns: number; events: number }>(
        `select (select count(*)::int from healing.auto_fixes where learned_at is not null) as learned,
                (select count(*)::int from healing.universal_error_patterns) as patterns,
                (select count(*)::int from healing.healing_events where kind = 'learn.outcome') as events`,
      );
      return row!;
    };
    const paused = await runCycle("pattern-learning", ctx, { deadline: Date.now() + 10_000 });
    expect(paused.processed).toBe(0);
    expect(await learnedNothing()).toEqual({ learned: 0, patterns: 0, events: 0 });

    await db.sql.query(`update healing.system_config set paused = false where project_id = $1`, [projectId]);
    const resumed = await runCycle("pattern-learning", ctx, { deadline: Date.now() + 10_000 });
    expect(resumed.processed).toBe(1);
    expect(await learnedNothing()).toEqual({ learned: 1, patterns: 2, events: 1 });
  });
});
