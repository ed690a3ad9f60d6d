import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMission } from "../../../src/store/missions/open-mission.ts";
import { loadPatternStats } from "../../../src/store/patterns/load-pattern-stats.ts";
import { recordPatternOutcome } from "../../../src/store/patterns/record-pattern-outcome.ts";
import { createProject } from "../../../src/store/projects/create-project.ts";
import type { Sql } from "../../../src/store/sql.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database.ts";

// A pattern's statistics for a project: what every project has learned (the shared record, which
// already holds this project's outcomes), each outcome counted once.

async function learnedMission(sql: Sql, projectId: string, n: number, success: boolean): Promise<void> {
  const [group] = await sql.query<{ id: string }>(
    `insert into healing.detected_errors (project_id, fingerprint, title, error_type, normalized_message, first_seen, last_seen)
     values ($1, $2, 'TypeError', 'TypeError', 'x', now(), now()) returning id`,
    [projectId, `fp-${projectId}-${n}`],
  );
  const mission = await openMission(sql, { projectId, detectedErrorId: group!.id, fingerprint: `fp-${projectId}-${n}`, incident: {}, severity: "P3", severityInputs: {} });
  const counted = await recordPatternOutcome(sql, {
    projectId,
    missionId: mission!.id,
    patternId: "property-of-nullish",
    errorClass: "property-of-nullish",
    success,
    confidence: (s, f) => s / (s + f),
    at: new Date("2026-11-21T10:00:00Z"),
  });
  expect(counted).toBe(true);
}

describe.each(testDrivers)("loadPatternStats on %s", (driver) => {
  let db: TestDatabase;
  let shop: string;
  let blog: string;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    shop = (await createProject(db.sql, { name: "shop", repo: null })).project.id;
    blog = (await createProject(db.sql, { name: "blog", repo: null })).project.id;
    await learnedMission(db.sql, shop, 1, true);
    await learnedMission(db.sql, shop, 2, true);
    await learnedMission(db.sql, blog, 3, false);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("counts a project's own outcomes once, together with every other project's", async () => {
    expect((await loadPatternStats(db.sql, shop)).get("property-of-nullish")).toEqual({ pattern_id: "property-of-nullish", successes: 2, failures: 1, retired: false });
    expect((await loadPatternStats(db.sql, blog)).get("property-of-nullish")).toMatchObject({ successes: 2, failures: 1 });
  });

  it("gives a project with no outcomes of its own what every project has learned", async () => {
    const fresh = (await createProject(db.sql, { name: "fresh", repo: null })).project.id;
    expect((await loadPatternStats(db.sql, fresh)).get("property-of-nullish")).toMatchObject({ successes: 2, failures: 1, retired: false });
  });

  it("retires a pattern for the one project that retired it", async () => {
    await db.sql.query(`update healing.universal_error_patterns set retired = true where project_id = $1`, [blog]);
    expect((await loadPatternStats(db.sql, blog)).get("property-of-nullish")).toMatchObject({ successes: 2, failures: 1, retired: true });
    expect((await loadPatternStats(db.sql, shop)).get("property-of-nullish")?.retired).toBe(false);
  });
});
