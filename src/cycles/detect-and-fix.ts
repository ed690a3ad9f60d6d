import { coerceError } from "../core/errors.ts";
import { advanceMission } from "../missions/advance-mission.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import type { MissionProject } from "../missions/mission-context.ts";
import { detectIncidents } from "../missions/detect-incidents.ts";
import { recordStepFailure } from "../missions/record-step-failure.ts";
import { claimMissions } from "../store/missions/claim-missions.ts";
import type { MissionRow, MissionState } from "../store/missions/mission-row.ts";
import { updateMission } from "../store/missions/update-mission.ts";
import { loadPatternStats, type PatternStatsRow } from "../store/patterns/load-pattern-stats.ts";
import type { CycleOptions, CycleReport } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";
import { forEachProject } from "./project-loop.ts";

// Cycle 1, detect-and-fix: find new incidents, then carry claimed missions forward until each
// rests (proposed, watching, or a terminal state) or the deadline comes.

/** Proposed missions wait on a person's decision (and their checks) and are followed too. */
const WORKING_STATES = ["detected", "diagnosing", "fixing", "validating", "proposed"] as const satisfies readonly MissionState[];
/** A mission waiting on something outside (checks, a review) is looked at again after this. */
const WAIT_SECONDS = 60;
/** Long enough for a test run in validation; an expired lease lets another runner resume. */
const LEASE_SECONDS = 15 * 60;
/**
 * Missions of a project are worked this many at a time: a mission mostly waits (git, tests,
 * the database, GitHub), so a few in parallel shorten the time to the first fixes several-fold.
 */
const MISSION_CONCURRENCY = 3;

export async function runDetectAndFix(ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  return forEachProject(ctx, options, "detect-and-fix", async (project, report) => {
    const opened = await detectIncidents(ctx, project);
    report.opened += opened.length;
    await advanceProjectMissions(ctx, project, options, report);
  });
}

async function advanceProjectMissions(ctx: HealContext, project: MissionProject, options: CycleOptions, report: CycleReport): Promise<void> {
  const forge = await ctx.forgeFor(project);
  const patternStats = await loadPatternStats(ctx.sql, project.id);
  const workers = Array.from({ length: MISSION_CONCURRENCY }, () => workMissions(ctx, project, forge, patternStats, options, report));
  await Promise.all(workers);
}

/** One worker: claims missions one at a time until none is left or the deadline comes. */
async function workMissions(
  ctx: HealContext,
  project: MissionProject,
  forge: ProjectForge,
  patternStats: Map<string, PatternStatsRow>,
  options: CycleOptions,
  report: CycleReport,
): Promise<void> {
  for (;;) {
    if (Date.now() >= options.deadline) {
      report.deadlineReached = true;
      return;
    }
    const [mission] = await claimMissions(ctx.sql, {
      projectId: project.id,
      runnerId: ctx.runnerId,
      states: WORKING_STATES,
      limit: 1,
      leaseSeconds: LEASE_SECONDS,
    });
    if (!mission) return;
    let current: MissionRow = mission;
    try {
      let waiting = false;
      while ((WORKING_STATES as readonly MissionState[]).includes(current.state)) {
        if (Date.now() >= options.deadline) {
          report.deadlineReached = true;
          break;
        }
        const next = await advanceMission({ ctx, project, forge, patternStats, deadline: options.deadline }, current);
        if (next === current) {
          waiting = true;
          break;
        }
        current = next;
        report.processed += 1;
      }
      await updateMission(ctx.sql, current.id, ctx.runnerId, {}, { release: true, ...(waiting ? { retryAfterSeconds: WAIT_SECONDS } : {}) });
      if (report.deadlineReached) return;
    } catch (error) {
      report.failed += 1;
      const failure = coerceError(error);
      report.errors.push(`${current.id}: ${failure.message}`);
      await recordStepFailure(ctx, project.id, current, failure);
    }
  }
}
