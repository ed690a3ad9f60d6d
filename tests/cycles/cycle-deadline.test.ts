import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import type { ProjectForge } from "../../src/deliver/forge.ts";
import { runRecordedCycle } from "../../src/cycles/run-cycle.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { listCycleRuns } from "../../src/store/cycles/list-cycle-runs.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { seedIncident } from "../support/seed-incident.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// A run that reaches its deadline stops between steps, releases what it holds, and records
// itself as partial; the next tick picks up exactly where it stopped.

const AT_REST = ["proposed", "watching", "needs_human", "rejected", "healed", "not_healed", "regressed", "rolled_back"];

describe.each(testDrivers)("a cycle at its deadline on %s", (driver) => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let git: LocalGitRepository;
  let projectId: string;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    repo = createExampleRepo();
    git = createLocalGitRepository({ repoDir: repo.dir, runner: createNodeCommandRunner() });
    projectId = (await seedIncident(db.sql, repo.dir)).projectId;
  });
  afterAll(async () => {
    await git?.cleanup();
    repo?.remove();
    await db?.drop();
  });

  /** The real forge, with every file read taking 300 ms longer: a slow remote, so steps take time. */
  function slowForge(): ProjectForge {
    const repository = { ...git, readFile: async (path: string, ref: string) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return git.readFile(path, ref);
    } };
    return { forge: createLocalGitForge({ repository, sql: db.sql, allowMerge: false }), baseBranch: "main" };
  }

  function context(runnerId: string): HealContext {
    return { sql: db.sql, logger: silentLogger, now: () => new Date(), runnerId, forgeFor: async () => slowForge() };
  }

  it("stops cleanly as partial, then the next tick finishes the work", async () => {
    const first = await runRecordedCycle("detect-and-fix", context("tick-1"), { deadline: Date.now() + 1_500 });
    expect(first.outcome).toBe("partial");
    expect(first.report).toMatchObject({ deadlineReached: true, failed: 0 });
    expect(first.report.processed).toBeGreaterThan(0);

    const between = await db.sql.query<{ state: string; locked_by: string | null }>(
      `select state, locked_by from healing.auto_fixes where project_id = $1`,
      [projectId],
    );
    expect(between.length).toBe(first.report.opened);
    // Work is left, and nothing is left leased: the next runner need not wait for a lease to expire.
    expect(between.some((mission) => !AT_REST.includes(mission.state))).toBe(true);
    expect(between.filter((mission) => mission.locked_by !== null)).toEqual([]);

    const second = await runRecordedCycle("detect-and-fix", context("tick-2"), { deadline: Date.now() + 60_000 });
    expect(second.outcome).toBe("succeeded");
    expect(second.report).toMatchObject({ deadlineReached: false, failed: 0, opened: 0 });
    const after = await db.sql.query<{ state: string }>(`select state from healing.auto_fixes where project_id = $1`, [projectId]);
    expect(after.every((mission) => AT_REST.includes(mission.state))).toBe(true);

    const failures = await db.sql.query(`select 1 from healing.healing_events where kind in ('mission.step_failed', 'cycle.project_failed')`);
    expect(failures).toEqual([]);
    const runs = await listCycleRuns(db.sql, { cycle: "detect-and-fix" });
    expect(runs.map((run) => [run.runner, run.outcome])).toEqual([["tick-2", "succeeded"], ["tick-1", "partial"]]);
  });
});
