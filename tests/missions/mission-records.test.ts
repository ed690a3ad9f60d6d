import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { runCycle } from "../../src/cycles/run-cycle.ts";
import { createProjectForges, type ForgeSession } from "../../src/deliver/project-forges.ts";
import { MissionRecordError, storedFix } from "../../src/missions/mission-records.ts";
import type { MissionRow } from "../../src/store/missions/mission-row.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { seedIncident } from "../support/seed-incident.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// A mission's jsonb records are read back through their schemas: a malformed one is an error
// recorded on that mission, and the cycle goes on with the others.

describe("mission records", () => {
  it("refuses a malformed stored fix with what is wrong and where", () => {
    const mission = { id: "m-1", fix: { title: 3 } } as unknown as MissionRow;
    expect(() => storedFix(mission)).toThrow(MissionRecordError);
    expect(() => storedFix(mission)).toThrow(/^mission m-1: its stored fix is malformed \(title: .+\); a person should look at healing\.auto_fixes\.fix$/);
    expect(() => storedFix({ ...mission, fix: null } as MissionRow)).toThrow(/its stored fix is malformed/);
  });

  describe("in a cycle", () => {
    let db: TestDatabase;
    let repo: ExampleRepo;
    let forges: ForgeSession;
    let ctx: HealContext;
    let projectId: string;

    beforeAll(async () => {
      db = await createTestDatabase("pglite");
      repo = createExampleRepo();
      projectId = (await seedIncident(db.sql, repo.dir, { only: /formatPrice is not defined|Assignment to constant/ })).projectId;
      forges = createProjectForges({ sql: db.sql, runner: createNodeCommandRunner(), allowMerge: false });
      // The run's clock is the incident's own, as in a replay.
      const [{ last }] = await db.sql.query<{ last: Date }>(`select max(occurred_at) as last from healing.error_events`) as [{ last: Date }];
      ctx = { sql: db.sql, logger: silentLogger, now: () => new Date(last), runnerId: "records-test", forgeFor: forges.forgeFor,
        // A test command that passes: validated fixes are confident enough to be proposed.
        settingsOverride: (settings) => ({ ...settings, testCommand: "true" }) };
      await runCycle("detect-and-fix", ctx, { deadline: Date.now() + 120_000, projectId });
    }, 180_000);
    afterAll(async () => {
      await forges?.close();
      repo?.remove();
      await db?.drop();
    });

    it("records the malformed mission's error and goes on with the others", async () => {
      const proposed = await db.sql.query<{ id: string }>(`select id from healing.auto_fixes where state = 'proposed' order by created_at`);
      expect(proposed).toHaveLength(2);
      const [broken, healthy] = proposed;
      await db.sql.query(`update healing.auto_fixes set fix = '{"title": 3}'::jsonb where id = $1`, [broken!.id]);
      await db.sql.query(`update healing.auto_fixes set next_attempt_at = now() where project_id = $1`, [projectId]);

      const report = await runCycle("detect-and-fix", ctx, { deadline: Date.now() + 60_000, projectId });
      expect(report.failed).toBe(1);
      expect(report.errors).toEqual([expect.stringContaining(`mission ${broken!.id}: its stored fix is malformed (title:`)]);
      const [failed] = await db.sql.query<{ state: string; last_error: string }>(`select state, last_error from healing.auto_fixes where id = $1`, [broken!.id]);
      expect(failed).toMatchObject({ state: "proposed", last_error: expect.stringContaining("its stored fix is malformed") });
      const events = await db.sql.query<{ kind: string; data: { code: string } }>(`select kind, data from healing.healing_events where mission_id = $1 and kind = 'mission.step_failed'`, [broken!.id]);
      expect(events).toEqual([{ kind: "mission.step_failed", data: expect.objectContaining({ code: "MALFORMED_MISSION_RECORD" }) }]);
      const [other] = await db.sql.query<{ state: string; last_error: string | null }>(`select state, last_error from healing.auto_fixes where id = $1`, [healthy!.id]);
      expect(other).toEqual({ state: "proposed", last_error: null });
    });
  });
});
