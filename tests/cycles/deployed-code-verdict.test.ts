import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployAndRecord } from "../../examples/shop-api/incident/deploy-and-record.ts";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents, replayMissions, runReplayCycles, type ReplayMission, type ReplayOptions } from "../../src/cycles/replay.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// The verdict on a merged fix comes from traffic sent to the code that was deployed, not from a
// recording: Suture merges its fixes of the missing import and the const reassignment, then one of
// them is reverted on main before the deploy. The same traffic plan, run against main, must show
// the reverted bug still firing and the kept fix healed.

const MISSING_IMPORT = "formatPrice is not defined";
const CONST_REASSIGNMENT = "Assignment to constant variable.";

function errorValues(jsonl: string): string[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => (JSON.parse(line) as { exception?: { value: string } }).exception?.value)
    .filter((value): value is string => value !== undefined);
}

describe.each(testDrivers)("verdicts follow the deployed code on %s", (driver) => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let forge: LocalGitRepository;
  let options: ReplayOptions;
  let projectId: string;
  let work: string;
  let merged: { missingImport: ReplayMission; constReassignment: ReplayMission };

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    repo = createExampleRepo();
    work = mkdtempSync(join(tmpdir(), "suture-deploy-"));
    forge = createLocalGitRepository({ repoDir: repo.dir, runner: createNodeCommandRunner() });
    projectId = (await createProject(db.sql, { name: "shop", repo: repo.dir, autonomyLevel: 2 })).project.id;
    options = {
      sql: db.sql,
      projectId,
      forge: { forge: createLocalGitForge({ repository: forge, sql: db.sql, allowMerge: true }), baseBranch: "main" },
      logger: silentLogger,
      settingsOverride: (settings) => ({ ...settings, testCommand: "npm test --silent" }),
    };
    const stored = await ingestReplayEvents(db.sql, projectId, readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8"));
    await runReplayCycles(options, stored.clock!);
    const missions = await replayMissions(db.sql, projectId);
    const byMessage = (message: string) => missions.find((mission) => mission.message === message)!;
    merged = { missingImport: byMessage(MISSING_IMPORT), constReassignment: byMessage(CONST_REASSIGNMENT) };
  }, 240_000);
  afterAll(async () => {
    await forge?.cleanup();
    repo?.remove();
    if (work) rmSync(work, { recursive: true, force: true });
    await db?.drop();
  });

  it("merges both fixes and watches them", () => {
    for (const mission of [merged.missingImport, merged.constReassignment]) {
      expect(mission, `${mission?.message}: ${mission?.reason}`).toMatchObject({ decision: "auto_apply", state: "watching" });
    }
  });

  it("judges a fix missing from the deployed code not healed, and the fix that shipped healed", async () => {
    const [row] = await db.sql.query<{ merge_commit: string }>(`select merge_commit from healing.auto_fixes where id = $1`, [
      merged.constReassignment.mission_id,
    ]);
    // Someone reverts the const fix on main before the deploy: the code that ships has the bug.
    repo.git("revert", "--no-edit", "-m", "1", row!.merge_commit);
    expect(readFileSync(join(repo.dir, "src", "lib", "money.ts"), "utf8")).toMatch(/const total = subtotal\(lines\);/);

    const out = join(work, "post-deploy.jsonl");
    const deployed = await deployAndRecord({ repo: repo.dir, ref: "main", out });
    expect(deployed.commit).toBe(repo.git("rev-parse", "main").trim());
    const traffic = readFileSync(out, "utf8");
    const errors = errorValues(traffic);
    expect(errors.filter((value) => value === CONST_REASSIGNMENT).length).toBeGreaterThan(0);
    expect(errors.filter((value) => value === MISSING_IMPORT)).toEqual([]);
    // Real stacks from the deployed commit, mapped to the deploy root like production's.
    expect(traffic).toMatch(/at discountedTotal \(\/var\/task\/src\/lib\/money\.ts:30:\d+\)/);
    expect(traffic).not.toContain(repo.dir);

    const stored = await ingestReplayEvents(db.sql, projectId, traffic);
    await runReplayCycles(options, stored.clock!);
    const missions = new Map((await replayMissions(db.sql, projectId)).map((mission) => [mission.mission_id, mission]));
    expect(missions.get(merged.constReassignment.mission_id)!.state).toBe("not_healed");
    expect(missions.get(merged.missingImport.mission_id)!.state).toBe("healed");
    const [verdict] = await db.sql.query<{ verdict: { kind: string; reason: string } }>(`select verdict from healing.auto_fixes where id = $1`, [
      merged.constReassignment.mission_id,
    ]);
    expect(verdict!.verdict.kind).toBe("not_healed");
    expect(verdict!.verdict.reason).toMatch(/kept firing after the deploy: [1-9]\d* events/);
  });
});
