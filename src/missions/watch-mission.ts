import { coerceError, errorCode } from "../core/errors.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import { judgeFix } from "../monitor/judge-fix.ts";
import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { recordDeployment } from "../store/deployments/record-deployment.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import { updateMission } from "../store/missions/update-mission.ts";
import { loadFixOutcome } from "../store/monitor/load-fix-outcome.ts";
import type { MissionContext, MissionProject } from "./mission-context.ts";
import { storedDiagnosis, storedFix } from "./mission-records.ts";
import { transition } from "./mission-transitions.ts";

// watching → healed | not_healed | regressed → rolled_back: a deployed fix judged once its watch
// window has passed, and a regression reverted through the forge.

/** A revert pull request waits on people or protection; look again after this. */
const REVERT_RECHECK_SECONDS = 5 * 60;
/** The route must serve this many requests after a deploy before "no errors" means healed. */
const MIN_REQUESTS_FOR_HEALED = 5;

export async function judgeMission(ctx: MissionContext, project: MissionProject, forge: ProjectForge, mission: MissionRow): Promise<void> {
  const now = ctx.now();
  const group = await loadGroupEvidence(ctx.sql, mission.detected_error_id, 0);
  const route = group?.routes[0]?.route.replace(/^[A-Z]+ /, "") ?? null;
  const deployedAt = new Date(mission.deployed_at!);
  const facts = await loadFixOutcome(ctx.sql, { projectId: project.id, fingerprint: mission.fingerprint, route, deployedAt, now });
  const fix = storedFix(mission);
  const { culprit } = storedDiagnosis(mission);
  const verdict = judgeFix({
    facts,
    changedLines: fix.changedLines,
    culprit: { file: culprit.file, function: culprit.function },
    watchElapsed: now.getTime() >= new Date(mission.watch_until!).getTime(),
    minRequests: MIN_REQUESTS_FOR_HEALED,
    route,
    errorRateIncrease: project.settings.watch.errorRateIncrease,
  });
  const deps = { ctx, project };
  if (verdict.kind === "keep_watching") {
    // Due again on the next tick: the watch window runs on the run's clock (event time in a
    // replay), which next_attempt_at (database time) cannot express.
    await updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true });
    return;
  }
  const record = { ...verdict, judgedAt: now.toISOString(), facts: { events: facts.eventsSinceDeploy, requests: facts.routeRequestsSinceDeploy } };
  if (verdict.kind === "healed") {
    await transition(deps, mission, "healed", { verdict: record }, "monitor.healed", verdict.reason, {}, "resolved");
  } else if (verdict.kind === "not_healed") {
    await transition(deps, mission, "not_healed", { verdict: record }, "monitor.not_healed", verdict.reason, {}, "incident");
  } else {
    const regressed = await transition(deps, mission, "regressed", { verdict: record }, "monitor.regressed", verdict.reason, {}, "incident");
    if (mission.merge_commit) await revertRegression(deps, regressed, forge, mission.merge_commit, fix.title, fix.base, verdict.reason);
  }
  await updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true });
}

/** Reverts a regressed fix through its forge; a revert that cannot land is left to people. */
async function revertRegression(
  deps: { ctx: MissionContext; project: MissionProject },
  mission: MissionRow,
  forge: ProjectForge,
  mergeCommit: string,
  title: string,
  base: string,
  reason: string,
): Promise<void> {
  const { ctx, project } = deps;
  const now = ctx.now();
  try {
    const reverted = await forge.forge.revert({ missionId: mission.id, traceId: mission.trace_id, mergeCommit, base, title, reason });
    if (reverted.kind === "held") return;
    await recordDeployment(ctx.sql, { projectId: project.id, missionId: mission.id, kind: "revert", commit: reverted.commit, at: now });
    await transition(deps, mission, "rolled_back", { revert_commit: reverted.commit }, "monitor.rolled_back",
      `Reverted as ${reverted.commit.slice(0, 12)}.`, { commit: reverted.commit });
  } catch (error) {
    // The revert exists but could not land (protection, conflict): people take it from here.
    await recordHealingEvent(ctx.sql, {
      projectId: project.id,
      traceId: mission.trace_id,
      missionId: mission.id,
      kind: "monitor.revert_pending",
      message: `The revert could not be completed: ${coerceError(error).message}`,
      data: { code: errorCode(error) },
      at: now,
    });
  }
}

/**
 * A regression's revert that did not land at once (a revert pull request waiting on people or
 * protection): rolled back once it has. True when the mission moved.
 */
export async function followRevert(ctx: MissionContext, project: MissionProject, forge: ProjectForge, mission: MissionRow): Promise<boolean> {
  const release = () => updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true, retryAfterSeconds: REVERT_RECHECK_SECONDS });
  const progress = mission.merge_commit ? await forge.forge.followRevert({ mergeCommit: mission.merge_commit }) : { kind: "pending" as const };
  if (progress.kind === "pending") {
    await release();
    return false;
  }
  await recordDeployment(ctx.sql, { projectId: project.id, missionId: mission.id, kind: "revert", commit: progress.commit, at: ctx.now() });
  await transition({ ctx, project }, mission, "rolled_back", { revert_commit: progress.commit }, "monitor.rolled_back", progress.summary, progress.data);
  await updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true });
  return true;
}
