import type { Decision } from "../decide/policy.ts";
import type { Proposal, ProposalContent, ValidationRecord } from "../deliver/forge.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import { decideMission, retryAfterFailedValidation, startWatching } from "./decide-mission.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import { storedDiagnosis, type StoredFix, storedFix } from "./mission-records.ts";
import { audit, finish, transition } from "./mission-transitions.ts";

// A built fix through its forge, the same way whatever the forge is:
//   validating: propose it, follow its checks (the validation), let the policy decide, and merge
//               what the policy allows on its own;
//   proposed:   follow it until a person approves (then merge), rejects, or its checks fail.
// A function here returns the mission object it was given when there is nothing to do yet
// (checks still running, no decision yet): the caller takes that as "wait for the next tick".

/** validating → proposed | applied | fixing (next attempt) | rejected | needs_human. */
export async function validateFix(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const fix = storedFix(mission);
  const sample = await sampleStack(deps, mission);
  await propose(deps, mission, fix, sample, { decision: null, reason: "Waiting for the repository's checks.", draft: true });
  const progress = await deps.forge.forge.follow({ missionId: mission.id, needsApproval: false, testCommand: deps.project.settings.testCommand });
  switch (progress.kind) {
    case "waiting":
      return mission;
    case "merged":
      // A person merged it before its checks decided anything.
      return startWatching(deps, mission, fix, {}, progress.commit);
    case "rejected":
      return finish(deps, mission, "rejected", { decision: "rejected", decision_reason: progress.reason }, "incident");
    case "checks_failed":
    case "conflict":
      await audit(deps, mission, "validation.failed", `${progress.checks.summary}.`, progress.checks.data);
      return retryAfterFailedValidation(deps, mission, fix, progress.checks.validation);
    case "ready":
      if (progress.checks) await audit(deps, mission, "validation.passed", `${progress.checks.summary}.`, progress.checks.data);
      return decideOnProposal(deps, mission, fix, sample, progress.checks?.validation ?? null);
  }
}

/** proposed: a person decides; follow the proposal until it is merged, approved or rejected. */
export async function followProposal(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const fix = storedFix(mission);
  const { forge } = deps.forge;
  const progress = await forge.follow({ missionId: mission.id, needsApproval: true, testCommand: deps.project.settings.testCommand });
  switch (progress.kind) {
    case "waiting":
    case "conflict":
      return mission;
    case "merged":
      return startWatching(deps, mission, fix, {}, progress.commit);
    case "rejected":
      return finish(deps, mission, "rejected", { decision_reason: progress.reason }, "incident");
    case "checks_failed":
      await audit(deps, mission, "validation.failed", `${progress.checks.summary} after it was proposed.`, progress.checks.data);
      return retryAfterFailedValidation(deps, mission, fix, progress.checks.validation);
    case "ready": {
      // The person's approval is the yes this decision waited for.
      const merged = await forge.merge({ missionId: mission.id, traceId: mission.trace_id, branch: mission.branch!, base: fix.base, title: fix.title, by: "person" });
      if (!merged.merged) {
        await audit(deps, mission, "fix.merge_refused", merged.note, merged.data);
        return mission;
      }
      return startWatching(deps, mission, fix, {}, merged.commit);
    }
  }
}

async function decideOnProposal(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  sample: SampleStack,
  validation: ValidationRecord | null,
): Promise<MissionRow> {
  const { policy, decided } = await decideMission(deps, mission, fix, validation);
  const draft = policy.decision !== "pull_request" && policy.decision !== "auto_apply";
  const proposal = await propose(deps, { ...mission, ...decided } as MissionRow, fix, sample, { decision: policy.decision, reason: policy.reason, draft });
  if (policy.decision === "needs_human" || policy.decision === "rejected") {
    return finish(deps, mission, policy.decision, decided, "incident");
  }
  const facts = { branch: mission.branch, confidence: decided.confidence, risk: decided.risk, ...proposal.data };
  if (policy.decision === "pull_request") {
    return transition(deps, mission, "proposed", decided, "fix.proposed", withMention(policy.reason, proposal), facts, "fixing");
  }
  const { forge } = deps.forge;
  const merged = await forge.merge({ missionId: mission.id, traceId: mission.trace_id, branch: mission.branch!, base: fix.base, title: fix.title, by: "policy" });
  if (merged.merged) return startWatching(deps, mission, fix, decided, merged.commit);
  // Held for the operator's yes, or refused by the platform: the fix waits as a proposal.
  const reason = `${policy.reason} ${merged.note}`;
  return transition(deps, mission, "proposed", { ...decided, decision_reason: reason }, merged.held ? "fix.proposed" : "fix.merge_refused", reason,
    { ...facts, ...merged.data }, "fixing");
}

type SampleStack = ProposalContent["sampleStack"];

/** The group's latest sample (scrubbed at ingest), quoted in the proposal. */
async function sampleStack(deps: MissionStepDeps, mission: MissionRow): Promise<SampleStack> {
  const group = await loadGroupEvidence(deps.ctx.sql, mission.detected_error_id, 1);
  const sample = group?.samples[0];
  return sample ? { errorType: sample.error_type, message: sample.message, frames: sample.frames } : null;
}

/** Opens or updates the fix's proposal with what a reviewer should read. */
async function propose(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  sample: SampleStack,
  decision: { decision: Decision | null; reason: string; draft: boolean },
): Promise<Proposal> {
  const diagnosis = storedDiagnosis(mission);
  const proposal = await deps.forge.forge.propose({
    projectId: deps.project.id,
    branch: mission.branch!,
    commit: mission.commit_sha!,
    base: fix.base,
    content: {
      mission: { id: mission.id, traceId: mission.trace_id },
      diagnosis: {
        cause: diagnosis.cause,
        errorClass: diagnosis.kind === "code-bug" ? diagnosis.errorClass : "unclassified",
        culprit: diagnosis.culprit,
        message: diagnosis.message,
        evidence: diagnosis.evidence,
      },
      fix: { title: fix.title, summary: fix.summary, rootCause: fix.rootCause, files: fix.files, patternId: mission.pattern_id, guard: fix.guard },
      decision: decision.decision ?? "pull_request",
      reason: decision.reason,
      severity: mission.severity ?? "P3",
      confidence: mission.confidence ?? fix.baseConfidence,
      risk: mission.risk ?? "medium",
      sampleStack: sample,
    },
    reviewers: deps.project.settings.reviewers,
    draft: decision.draft,
  });
  if (proposal.created) {
    const what = proposal.mention ?? `a proposal of ${mission.branch}`;
    await audit(deps, mission, "fix.proposal_opened", `Opened ${what}.`, { ...proposal.data, url: proposal.url });
  }
  return proposal;
}

/** "… clears the bar. Pull request #12." when the proposal has a name of its own. */
function withMention(reason: string, proposal: Proposal): string {
  if (!proposal.mention) return reason;
  return `${reason} ${proposal.mention.charAt(0).toUpperCase()}${proposal.mention.slice(1)}.`;
}
