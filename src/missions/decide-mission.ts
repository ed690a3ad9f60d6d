import { decideFix, type PolicyDecision } from "../decide/policy.ts";
import type { ValidationRecord } from "../deliver/forge.ts";
import { assessRisk } from "../fix/describe-fix.ts";
import { combineConfidence } from "../learn/pattern-confidence.ts";
import { recordDeployment } from "../store/deployments/record-deployment.ts";
import { countFixLoad } from "../store/missions/count-fix-load.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionPatch } from "../store/missions/update-mission.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import { storedDiagnosis, type StoredFix } from "./mission-records.ts";
import { finish, transition } from "./mission-transitions.ts";

// The decision on a validated fix, a failed validation's retry, and the start of the watch after
// a merge: the same whatever the forge.

export async function decideMission(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  validation: ValidationRecord | null,
): Promise<{ policy: PolicyDecision; decided: MissionPatch }> {
  const { settings } = deps.project;
  const stats = deps.patternStats.get(mission.pattern_id ?? "") ?? { successes: 0, failures: 0 };
  const confidence = combineConfidence({
    patternBase: fix.baseConfidence,
    stats: { successes: stats.successes, failures: stats.failures },
    validationPassed: validation ? validation.passed : null,
    changedLines: fix.guard.changedLines,
    modelConfidence: fix.modelConfidence ?? null,
  });
  const load = await countFixLoad(deps.ctx.sql, deps.project.id, deps.ctx.now());
  const severity = mission.severity ?? "P3";
  const policy = decideFix({
    confidence,
    severity,
    guard: fix.guard,
    validation: validation ? { passed: validation.passed } : null,
    paused: deps.project.paused,
    // This mission's own fix is already counted by fixed_at; the policy wants the others.
    fixesLastHour: Math.max(0, load.fixesLastHour - 1),
    openFixes: load.openFixes,
    settings,
  });
  return {
    policy,
    decided: {
      validation: validation ? { ...validation } : null,
      confidence,
      risk: assessRisk(fix.guard, severity),
      decision: policy.decision,
      decision_reason: policy.reason,
    },
  };
}

/** A failed validation: the next candidate while attempts remain, else a person. */
export async function retryAfterFailedValidation(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  validation: ValidationRecord,
): Promise<MissionRow> {
  const record = { ...validation };
  if (mission.attempts < deps.project.settings.limits.maxAttempts) {
    const diagnosis = storedDiagnosis(mission);
    const failedAttempts = [...(diagnosis.failedAttempts ?? []), { summary: fix.summary, failure: validation.outputTail }];
    return transition(deps, mission, "fixing", {
      validation: record,
      diagnosis: { ...diagnosis, failedAttempts },
    }, "fix.retry", `Validation failed on attempt ${mission.attempts}; trying the next candidate.`);
  }
  return finish(deps, mission, "needs_human", {
    validation: record,
    decision: "needs_human",
    decision_reason: `The fix failed validation on all ${mission.attempts} attempts (${validation.command}); a person should take it from here.`,
  }, "incident");
}

/** A merged fix: recorded as a deployment, then watched for the production watch window. */
export async function startWatching(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  decided: MissionPatch,
  mergeCommit: string,
): Promise<MissionRow> {
  const now = deps.ctx.now();
  await recordDeployment(deps.ctx.sql, { projectId: deps.project.id, missionId: mission.id, kind: "merge", commit: mergeCommit, at: now });
  const watchUntil = new Date(now.getTime() + deps.project.settings.watch.productionMinutes * 60_000);
  const applied = await transition(deps, mission, "applied", { ...decided, merge_commit: mergeCommit }, "fix.merged",
    `Merged into ${fix.base} as ${mergeCommit.slice(0, 12)}.`, { commit: mergeCommit }, "fixing");
  return transition(
    deps,
    applied,
    "watching",
    { deployed_at: now, watch_until: watchUntil },
    "monitor.watching",
    `Watching the error until ${watchUntil.toISOString()}.`,
    { watchUntil: watchUntil.toISOString() },
  );
}
