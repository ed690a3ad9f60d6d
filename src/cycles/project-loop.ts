import { parseSettings } from "../config/healing-config.ts";
import { coerceError } from "../core/errors.ts";
import type { MissionProject } from "../missions/mission-context.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { type HealingProjectRow, listHealingProjects } from "../store/projects/list-healing-projects.ts";
import { type CycleName, type CycleOptions, type CycleReport, emptyCycleReport } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";

// The loop every project-by-project cycle runs: each project (or the one asked for) in turn, paused
// ones skipped (the pause switch stops every write of every cycle), no new project once the
// deadline has come, and one project's failure (its forge unreachable, say) recorded without
// stopping the others.

export async function forEachProject(
  ctx: HealContext,
  options: CycleOptions,
  cycle: CycleName,
  work: (project: MissionProject, report: CycleReport) => Promise<void>,
): Promise<CycleReport> {
  const report = emptyCycleReport();
  for (const row of await listHealingProjects(ctx.sql, options.projectId ?? null)) {
    if (row.paused) continue;
    if (Date.now() >= options.deadline) {
      report.deadlineReached = true;
      break;
    }
    try {
      await work(toMissionProject(ctx, row), report);
    } catch (error) {
      report.failed += 1;
      await recordProjectFailure(ctx, row.id, cycle, coerceError(error), report);
    }
  }
  return report;
}

/** A project's effective settings: stored settings, the project's autonomy level, then CLI overrides. */
function toMissionProject(ctx: HealContext, row: HealingProjectRow): MissionProject {
  const stored = parseSettings({ ...row.settings, autonomyLevel: row.autonomy_level });
  const settings = ctx.settingsOverride ? ctx.settingsOverride(stored) : stored;
  return { id: row.id, repo: row.repo, default_branch: row.default_branch, paused: row.paused, settings };
}

/** A failure outside any one mission: recorded in the audit trail and the cycle report. */
async function recordProjectFailure(ctx: HealContext, projectId: string, cycle: string, failure: Error, report: CycleReport): Promise<void> {
  report.errors.push(`${projectId}: ${failure.message}`);
  ctx.logger.error("cycle failed for a project", { cycle, project: projectId, error: failure.message });
  await recordHealingEvent(ctx.sql, {
    projectId,
    kind: "cycle.project_failed",
    message: `${cycle} failed for this project: ${failure.message}`,
    data: { cycle, code: (failure as { code?: string }).code ?? null },
    at: ctx.now(),
  });
}
