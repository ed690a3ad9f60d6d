import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlTokenBudget } from "../../../src/store/llm/sql-token-budget.ts";
import { loadMissionModelUsage, loadProjectModelUsage } from "../../../src/store/llm/load-model-usage.ts";
import { openMission } from "../../../src/store/missions/open-mission.ts";
import { createProject } from "../../../src/store/projects/create-project.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database.ts";

// Token accounting on real SQL: reservations against the daily and mission budgets, settled to
// the real usage on healing.model_usage_daily and the mission's model_* columns.

describe.each(testDrivers)("SQL token budget on %s", (driver) => {
  let db: TestDatabase;
  let projectId: string;
  let missionIds: string[];
  let clock = new Date("2026-11-21T10:00:00Z");

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    projectId = (await createProject(db.sql, { name: "shop", repo: null })).project.id;
    missionIds = [];
    for (const n of [1, 2]) {
      const [group] = await db.sql.query<{ id: string }>(
        `insert into healing.detected_errors (project_id, fingerprint, title, error_type, normalized_message, first_seen, last_seen, event_count)
         values ($1, $2, 'RangeError: Invalid array length', 'RangeError', 'Invalid array length', now(), now(), 5) returning id`,
        [projectId, `fp-${n}`],
      );
      const mission = await openMission(db.sql, { projectId, detectedErrorId: group!.id, fingerprint: `fp-${n}`, incident: {}, severity: "P3", severityInputs: {} });
      missionIds.push(mission!.id);
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  const usage = { inputTokens: 3000, outputTokens: 400, cacheReadTokens: 1000, cacheWriteTokens: 0 };

  it("reserves, then settles a call on the mission and the project's day", async () => {
    const budget = createSqlTokenBudget(db.sql, () => clock);
    const reserved = await budget.reserve({ projectId, missionId: missionIds[0]!, estimatedTokens: 6000, missionLimit: 10_000, dailyLimit: 20_000 });
    expect(reserved).toEqual({ ok: true, reservation: { projectId, missionId: missionIds[0], day: "2026-11-21", tokens: 6000 } });
    expect(await loadProjectModelUsage(db.sql, projectId, "2026-11-21")).toMatchObject({ reservedTokens: 6000, calls: 0 });
    if (!reserved.ok) return;
    await budget.settle(reserved.reservation, { usage, costUsd: 0.0104, called: true });
    expect(await loadProjectModelUsage(db.sql, projectId, "2026-11-21")).toEqual({
      calls: 1, inputTokens: 3000, outputTokens: 400, cacheReadTokens: 1000, cacheWriteTokens: 0, costUsd: 0.0104, reservedTokens: 0,
    });
    expect(await loadMissionModelUsage(db.sql, missionIds[0]!)).toEqual({ calls: 1, inputTokens: 3000, outputTokens: 400, cacheReadTokens: 1000, cacheWriteTokens: 0, costUsd: 0.0104 });
  });

  it("refuses a call that would cross the mission's budget, and one that would cross the day's", async () => {
    const budget = createSqlTokenBudget(db.sql, () => clock);
    expect(await budget.reserve({ projectId, missionId: missionIds[0]!, estimatedTokens: 6000, missionLimit: 10_000, dailyLimit: 20_000 })).toEqual({
      ok: false, scope: "mission", spent: 4400, limit: 10_000,
    });
    const held = await budget.reserve({ projectId, missionId: missionIds[1]!, estimatedTokens: 9000, missionLimit: 10_000, dailyLimit: 15_000 });
    expect(held.ok).toBe(true);
    // 4400 spent + 9000 in flight: another mission's 2000 would cross 15000.
    expect(await budget.reserve({ projectId, missionId: missionIds[1]!, estimatedTokens: 2000, missionLimit: 100_000, dailyLimit: 15_000 })).toEqual({
      ok: false, scope: "project_day", spent: 13_400, limit: 15_000,
    });
    if (held.ok) await budget.settle(held.reservation, { usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: 0, called: false });
    expect(await loadProjectModelUsage(db.sql, projectId, "2026-11-21")).toMatchObject({ reservedTokens: 0, calls: 1 });
  });

  it("starts a fresh daily budget on the next UTC day", async () => {
    clock = new Date("2026-11-22T00:00:01Z");
    const budget = createSqlTokenBudget(db.sql, () => clock);
    const result = await budget.reserve({ projectId, missionId: missionIds[1]!, estimatedTokens: 5000, missionLimit: 10_000, dailyLimit: 5_000 });
    expect(result).toMatchObject({ ok: true, reservation: { day: "2026-11-22" } });
  });

  it("refuses concurrent reservations past the limit: exactly as many pass as fit", async () => {
    const budget = createSqlTokenBudget(db.sql, () => new Date("2026-11-23T08:00:00Z"));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => budget.reserve({ projectId, missionId: missionIds[1]!, estimatedTokens: 1000, missionLimit: 1e9, dailyLimit: 5_000 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });
});

describe("model usage migration", () => {
  it("keeps the daily usage table service-only: RLS on, no policies", async () => {
    const db = await createTestDatabase("pglite");
    try {
      const [table] = await db.sql.query<{ rls: boolean }>(`select relrowsecurity as rls from pg_class where oid = 'healing.model_usage_daily'::regclass`);
      expect(table!.rls).toBe(true);
      const policies = await db.sql.query(`select 1 from pg_policies where schemaname = 'healing' and tablename = 'model_usage_daily'`);
      expect(policies).toHaveLength(0);
    } finally {
      await db.drop();
    }
  });
});
