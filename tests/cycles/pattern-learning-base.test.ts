import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { runCycle } from "../../src/cycles/run-cycle.ts";
import { patternLibrary } from "../../src/fix/pattern-library.ts";
import { DEFAULT_PRIOR_STRENGTH } from "../../src/learn/pattern-confidence.ts";
import { openMission } from "../../src/store/missions/open-mission.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// Learning folds an outcome into a Beta posterior whose prior is the fix's base confidence, worth
// DEFAULT_PRIOR_STRENGTH outcomes. A library pattern's base is the pattern's own; a model-written
// fix has no library entry, so its base is the one its mission was decided with.

const MODEL_PATTERN = "model:claude-sonnet-5-5";

describe.each(testDrivers)("pattern-learning bases on %s", (driver) => {
  let db: TestDatabase;
  let projectId: string;
  let ctx: HealContext;

  async function healedMission(n: number, patternId: string, baseConfidence: number): Promise<void> {
    const [group] = await db.sql.query<{ id: string }>(
      `insert into healing.detected_errors (project_id, fingerprint, title, error_type, normalized_message, first_seen, last_seen)
       values ($1, $2, 'RangeError', 'RangeError', 'x', now(), now()) returning id`,
      [projectId, `fp-${n}`],
    );
    const mission = await openMission(db.sql, { projectId, detectedErrorId: group!.id, fingerprint: `fp-${n}`, incident: {}, severity: "P3", severityInputs: {} });
    await db.sql.query(
      `update healing.auto_fixes set state = 'healed', pattern_id = $2, fix = $3::text::jsonb, diagnosis = $4::text::jsonb where id = $1`,
      [mission!.id, patternId, JSON.stringify({ baseConfidence }), JSON.stringify({ errorClass: "unclassified" })],
    );
  }

  async function learnedConfidence(patternId: string): Promise<number[]> {
    const rows = await db.sql.query<{ confidence: number }>(`select confidence from healing.universal_error_patterns where pattern_id = $1 order by project_id nulls first`, [patternId]);
    return rows.map((row) => row.confidence);
  }

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    projectId = (await createProject(db.sql, { name: "learning" })).project.id;
    ctx = {
      sql: db.sql,
      logger: silentLogger,
      now: () => new Date("2026-11-20T10:10:00Z"),
      runnerId: "learning-test",
      forgeFor: async () => {
        throw new Error("learning needs no forge");
      },
    };
    await healedMission(1, MODEL_PATTERN, 0.72);
    await healedMission(2, "property-of-nullish", 0.5);
    const report = await runCycle("pattern-learning", ctx, { deadline: Date.now() + 10_000, projectId });
    expect(report.processed).toBe(2);
  });
  afterAll(async () => db?.drop());

  it("learns a model-written fix against the base confidence it was decided with", async () => {
    const expected = (0.72 * DEFAULT_PRIOR_STRENGTH + 1) / (DEFAULT_PRIOR_STRENGTH + 1);
    const [shared, own] = await learnedConfidence(MODEL_PATTERN);
    expect(shared).toBeCloseTo(expected, 10);
    expect(own).toBeCloseTo(expected, 10);
  });

  it("learns a library pattern's fix against the pattern's own base", async () => {
    const base = patternLibrary.find((pattern) => pattern.id === "property-of-nullish")!.baseConfidence;
    expect(base).not.toBe(0.5);
    const expected = (base * DEFAULT_PRIOR_STRENGTH + 1) / (DEFAULT_PRIOR_STRENGTH + 1);
    for (const confidence of await learnedConfidence("property-of-nullish")) expect(confidence).toBeCloseTo(expected, 10);
  });
});
