import { coerceError, errorCode } from "../core/errors.ts";
import type { ValidationResult } from "../deliver/forge.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionPatch } from "../store/missions/update-mission.ts";
import { decideMission, retryAfterFailedValidation, startWatching } from "./decide-mission.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import type { StoredFix } from "./mission-records.ts";
import { audit, finish, transition } from "./mission-transitions.ts";
import { followFixPullRequest } from "./pull-request-flow.ts";

// validating → proposed | applied: the fix's checks, then the policy's decision.

export async function validateAndDecide(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const fix = mission.fix as unknown as StoredFix;
  // On GitHub the pull request's checks are the validation, and reviews the approval.
  if (deps.forge.github) return followFixPullRequest(deps, mission, fix);
  const command = deps.project.settings.testCommand;
  let validation: ValidationResult | null = null;
  if (command && deps.forge.validate) {
    validation = await deps.forge.validate(mission.branch!, fix.base, command);
    await audit(deps, mission, validation.passed ? "validation.passed" : "validation.failed",
      `${command} ${validation.passed ? "passed" : "failed"} in ${Math.round(validation.durationMs)} ms.`,
      { command, exitCode: validation.exitCode, durationMs: validation.durationMs });
  }
  if (validation && !validation.passed) return retryAfterFailedValidation(deps, mission, fix, validation);

  const { policy, decided } = await decideMission(deps, mission, fix, validation);
  if (policy.decision === "needs_human" || policy.decision === "rejected") {
    return finish(deps, mission, policy.decision, decided, "incident");
  }
  if (policy.decision === "pull_request" || !deps.ctx.allowMerge) {
    const reason = policy.decision === "auto_apply"
      ? `${policy.reason} Not merged: the local forge merges only when asked to (--merge).`
      : policy.reason;
    return transition(deps, mission, "proposed", { ...decided, decision_reason: reason }, "fix.proposed", reason, {
      branch: mission.branch,
      confidence: decided.confidence,
      risk: decided.risk,
    }, "fixing");
  }
  return mergeLocally(deps, mission, fix, decided);
}

async function mergeLocally(deps: MissionStepDeps, mission: MissionRow, fix: StoredFix, decided: MissionPatch): Promise<MissionRow> {
  let mergeCommit: string;
  try {
    const merged = await deps.forge.forge.merge(mission.branch!, fix.base, `Merge ${mission.branch}: ${fix.title}\n\nSuture-Trace: ${mission.trace_id}\n`);
    mergeCommit = merged.commit;
  } catch (error) {
    // The fix stays available for a person; a merge refusal is not a failed fix.
    const reason = `${decided.decision_reason} The merge was refused (${errorCode(error) ?? "error"}: ${coerceError(error).message}); the branch is left for review.`;
    return transition(deps, mission, "proposed", { ...decided, decision_reason: reason }, "fix.merge_refused", reason, {}, "fixing");
  }
  return startWatching(deps, mission, fix, decided, mergeCommit);
}
