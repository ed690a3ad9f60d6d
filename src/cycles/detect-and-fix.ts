import { coerceError } from "../core/errors.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { claimMissions } from "../store/missions/claim-missions.ts";
import type { MissionRow, MissionState } from "../store/missions/mission-row.ts";
import { updateMission } from "../store/missions/update-mission.ts";
import { loadPatternStats, type PatternStatsRow } from "../store/patterns/load-pattern-stats.ts";
import { listHealingProjects } from "../store/projects/list-healing-projects.ts";
import { advanceMission, type MissionProject } from "./advance-mission.ts";
import type { CycleOptions, CycleReport } from "./cycle.ts";
import { detectIncidents } from "./detect-incidents.ts";
import type { HealContext, ProjectForge } from "./heal-context.ts";
import { toMissionProject } from "./load-mission-project.ts";

// Cycle 1, detect-and-fix: find new incidents, then carry claimed missions forward until each
// rests (proposed, watching, or a terminal state) or the deadline comes. Paused projects are
// skipped entirely: the pause switch stops every write.

const WORKING_STATES = ["detected", "diagnosing", "fixing", "validating"] as const;
/** With a GitHub forge, proposed missions wait on their pull request and are followed too. */
const GITHUB_STATES = [...WORKING_STATES, "proposed"] as const;
/** A mission waiting on something outside (checks, a review) is looked at again after this. */
const WAIT_SECONDS = 60;
/** Long enough for a test run in validation; an expired lease lets another runner resume. */
const LEASE_SECONDS = 15 * 60;
/** After a failed step, wait this long before the mission is claimable again. */
const RETRY_AFTER_SECONDS = 60;

export async function runDetectAndFix(ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  const report: CycleReport = { processed: 0, opened: 0, failed: 0, deadlineReached: false, errors: [] };
  for (const row of await listHealingProjects(ctx.sql, options.projectId ?? null)) {
    if (row.paused) continue;
    const project = toMissionProject(ctx, row);
    if (Date.now() >= options.deadline) {
      report.deadlineReached = true;
      break;
    }
    try {
      const opened = await detectIncidents(ctx, project);
      report.opened += opened.length;
      await advanceProjectMissions(ctx, project, options, report);
    } catch (error) {
      // One project's failure (its forge unreachable, say) must not stop the others.
      report.failed += 1;
      await recordProjectFailure(ctx, project.id, "detect-and-fix", coerceError(error), report);
    }
  }
  return report;
}

/** A failure outside any one mission: recorded in the audit trail and the cycle report. */
export async function recordProjectFailure(ctx: HealContext, projectId: string, cycle: string, failure: Error, report: CycleReport): Promise<void> {
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

/**
 * Missions of a project are worked this many at a time: a mission mostly waits (git, tests,
 * the database, GitHub), so a few in parallel shorten the time to the first fixes several-fold.
 */
const MISSION_CONCURRENCY = 3;

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
    const states: readonly MissionState[] = forge.github ? GITHUB_STATES : WORKING_STATES;
    const [mission] = await claimMissions(ctx.sql, {
      projectId: project.id,
      runnerId: ctx.runnerId,
      states,
      limit: 1,
      leaseSeconds: LEASE_SECONDS,
    });
    if (!mission) return;
    let current: MissionRow = mission;
    try {
      let waiting = false;
      while (states.includes(current.state)) {
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

/** A step that threw: recorded on the mission and in the audit trail, retried after a pause. */
export async function recordStepFailure(ctx: HealContext, projectId: string, mission: MissionRow, failure: Error): Promise<void> {
  ctx.logger.error("mission step failed", { mission: mission.id, state: mission.state, error: failure.message });
  await recordHealingEvent(ctx.sql, {
    projectId,
    traceId: mission.trace_id,
    missionId: mission.id,
    kind: "mission.step_failed",
    message: `The ${mission.state} step failed: ${failure.message}`,
    data: { state: mission.state, code: (failure as { code?: string }).code ?? null },
    at: ctx.now(),
  });
  await updateMission(ctx.sql, mission.id, ctx.runnerId, { last_error: failure.message.slice(0, 2000) }, {
    release: true,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  }).catch((error) => ctx.logger.error("could not record the step failure", { mission: mission.id, error: coerceError(error).message }));
}
