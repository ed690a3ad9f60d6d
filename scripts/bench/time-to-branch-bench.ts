import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import type { Logger } from "../../src/core/logger.ts";
import { ingestReplayEvents, runReplayCycles } from "../../src/cycles/replay.ts";
import { createProjectForges } from "../../src/deliver/project-forges.ts";
import { median } from "../../src/detect/incident.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createExampleRepo } from "../../tests/support/example-repo.ts";

// Replay start → fix commit on its branch, per mission of the example incident. The app's own
// test run is excluded by not configuring one: the figure is Suture's own work (ingest, detect,
// diagnose, read sources from git, generate, guard, commit in a worktree).

export interface TimeToBranchResult {
  missions_with_branch: number;
  time_to_branch_ms_median: number;
  time_to_branch_ms_max: number;
}

export async function benchTimeToBranch(sql: Sql): Promise<TimeToBranchResult> {
  const repo = createExampleRepo();
  const forges = createProjectForges({ sql, runner: createNodeCommandRunner(), allowMerge: false });
  try {
    const { project } = await createProject(sql, { name: `bench-branch-${Date.now()}`, repo: repo.dir });
    const forge = await forges.forgeFor(project);
    const branchedAt: number[] = [];
    let started = 0;
    const logger: Logger = {
      info(_message, meta) {
        if (meta?.kind === "fix.branch_created") branchedAt.push(performance.now() - started);
      },
      warn() {},
      error() {},
    };
    started = performance.now();
    const events = await ingestReplayEvents(sql, project.id, readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8"));
    await runReplayCycles({ sql, projectId: project.id, forge, logger }, events.clock!);
    if (branchedAt.length === 0) throw new Error("the example incident produced no fix branch; the bench has nothing to measure");
    return {
      missions_with_branch: branchedAt.length,
      time_to_branch_ms_median: Math.round(median(branchedAt)),
      time_to_branch_ms_max: Math.round(Math.max(...branchedAt)),
    };
  } finally {
    await forges.close();
    repo.remove();
  }
}
