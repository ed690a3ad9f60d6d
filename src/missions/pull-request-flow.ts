import type { Decision } from "../decide/policy.ts";
import { followPullRequest } from "../deliver/github/follow-pull-request.ts";
import type { GithubRepository } from "../deliver/github/github-repository.ts";
import { buildPullRequest } from "../deliver/github/pull-request-body.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import { loadPullRequestForMission, markPullRequestSeen } from "../store/github/list-changed-pull-requests.ts";
import { recordPullRequest } from "../store/github/record-pull-request.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionPatch } from "../store/missions/update-mission.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import { decideMission, retryAfterFailedValidation, startWatching } from "./decide-mission.ts";
import type { StoredDiagnosis, StoredFix } from "./mission-records.ts";
import { audit, finish, transition } from "./mission-transitions.ts";

// Delivery through a GitHub pull request. The PR's checks are the validation; a person's
// approving review is the approval; "changes requested" or closing it rejects the fix. Suture
// merges (squash) only when policy allows and branch protection agrees, and never bypasses it.
//
// A function here returns the mission object it was given when there is nothing to do yet (checks
// still running, no review): the caller takes that as "wait for the next tick".

const CHECKS = "GitHub checks";
/**
 * A pull request with no checks at all counts as green only after this long: right after a push,
 * "no checks" usually means CI has not started yet, not that the repository has none.
 */
export const NO_CHECKS_GRACE_MS = 5 * 60_000;

/** validating: open or update the PR, then act on what its checks say. */
export async function followFixPullRequest(deps: MissionStepDeps, mission: MissionRow, fix: StoredFix): Promise<MissionRow> {
  const github = deps.forge.github!;
  const pr = await ensureFixPullRequest(deps, mission, fix, { decision: null, reason: "Waiting for the repository's checks.", draft: true });
  const state = await github.pullRequestState(pr.number);
  const progress = followPullRequest(state, false);
  await markSeen(deps, mission);
  switch (progress.kind) {
    case "waiting":
      return mission;
    case "merged":
      return startWatching(deps, mission, fix, { validation: checksPassed() }, progress.sha);
    case "rejected":
      return finish(deps, mission, "rejected", { decision: "rejected", decision_reason: progress.reason }, "incident");
    case "ci_failed":
    case "conflict": {
      const failure = progress.kind === "ci_failed" ? progress.summary : progress.reason;
      await audit(deps, mission, "validation.failed", `${CHECKS} failed on #${pr.number}.`, { pullRequest: pr.number, failure });
      return retryAfterFailedValidation(deps, mission, fix, { command: CHECKS, passed: false, outputTail: failure });
    }
    case "approved_and_green":
      if (progress.checks === "none" && (await pullRequestAgeMs(deps, mission)) < NO_CHECKS_GRACE_MS) return mission;
      await audit(deps, mission, "validation.passed", `${CHECKS} ${progress.checks === "none" ? "(none configured)" : "passed"} on #${pr.number}.`, {
        pullRequest: pr.number,
      });
      return decideOnPullRequest(deps, mission, fix, pr.number);
  }
}

/** proposed: a person decides on the PR; follow it until merged, approved or rejected. */
export async function followProposedPullRequest(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const github = deps.forge.github!;
  const fix = mission.fix as unknown as StoredFix;
  const row = await loadPullRequestForMission(deps.ctx.sql, mission.id);
  if (!row) return mission;
  const state = await github.pullRequestState(row.number);
  const progress = followPullRequest(state, true);
  await markSeen(deps, mission);
  switch (progress.kind) {
    case "waiting":
    case "conflict":
      return mission;
    case "merged":
      return startWatching(deps, mission, fix, {}, progress.sha);
    case "rejected":
      return finish(deps, mission, "rejected", { decision_reason: progress.reason }, "incident");
    case "ci_failed":
      await audit(deps, mission, "validation.failed", `${CHECKS} failed on #${row.number} after it was proposed.`, { failure: progress.summary });
      return retryAfterFailedValidation(deps, mission, fix, { command: CHECKS, passed: false, outputTail: progress.summary });
    case "approved_and_green": {
      // The approving review is the approval this decision waited for.
      const merged = await github.mergePullRequest(row.number, { method: "squash", commitTitle: `${fix.title} (#${row.number})` });
      if (!merged.merged) {
        await audit(deps, mission, "fix.merge_refused", `GitHub refused the merge of #${row.number}: ${merged.reason}`, { code: merged.code });
        return mission;
      }
      return startWatching(deps, mission, fix, {}, merged.sha);
    }
  }
}

async function decideOnPullRequest(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  number: number,
): Promise<MissionRow> {
  const github = deps.forge.github!;
  const { policy, decided } = await decideMission(deps, mission, fix, { passed: true });
  const withChecks: MissionPatch = { ...decided, validation: checksPassed() };
  const draft = policy.decision !== "pull_request" && policy.decision !== "auto_apply";
  await ensureFixPullRequest(deps, { ...mission, ...withChecks } as MissionRow, fix, { decision: policy.decision, reason: policy.reason, draft });

  if (policy.decision === "needs_human" || policy.decision === "rejected") {
    return finish(deps, mission, policy.decision, withChecks, "incident");
  }
  if (policy.decision === "pull_request") {
    return transition(deps, mission, "proposed", withChecks, "fix.proposed", `${policy.reason} Pull request #${number}.`, { pullRequest: number }, "fixing");
  }
  const merged = await github.mergePullRequest(number, { method: "squash", commitTitle: `${fix.title} (#${number})` });
  if (merged.merged) return startWatching(deps, mission, fix, withChecks, merged.sha);
  // Branch protection (or a pending requirement) said no: ask GitHub to merge when it allows,
  // or leave the PR to people. Never bypass protection.
  const autoMerge = await github.enableAutoMerge(number).catch(() => false);
  const reason = `${policy.reason} GitHub refused the merge (${merged.code}: ${merged.reason}); ${
    autoMerge ? "auto-merge is enabled, so GitHub merges it once protection is satisfied" : "the pull request is left for people to merge"
  }.`;
  return transition(deps, mission, "proposed", { ...withChecks, decision_reason: reason }, "fix.merge_refused", reason, { pullRequest: number, autoMerge }, "fixing");
}

async function ensureFixPullRequest(
  deps: MissionStepDeps,
  mission: MissionRow,
  fix: StoredFix,
  decision: { decision: Decision | null; reason: string; draft: boolean },
): Promise<{ number: number; url: string }> {
  const github = deps.forge.github as GithubRepository;
  const diagnosis = mission.diagnosis as unknown as StoredDiagnosis;
  const group = await loadGroupEvidence(deps.ctx.sql, mission.detected_error_id, 1);
  const sample = group?.samples[0];
  const built = buildPullRequest({
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
    sampleStack: sample ? { errorType: sample.error_type, message: sample.message, frames: sample.frames } : null,
  });
  const pr = await github.ensurePullRequest({
    branch: mission.branch!,
    base: fix.base,
    title: built.title,
    body: built.body,
    labels: built.labels,
    reviewers: deps.project.settings.reviewers,
    draft: decision.draft || built.draft,
  });
  await recordPullRequest(deps.ctx.sql, {
    missionId: mission.id,
    projectId: deps.project.id,
    repo: `${github.owner}/${github.repo}`,
    number: pr.number,
    url: pr.url,
    headBranch: mission.branch!,
    headSha: mission.commit_sha,
    baseBranch: fix.base,
  });
  if (pr.created) {
    await audit(deps, mission, "github.pull_request_opened", `Opened pull request #${pr.number}.`, { number: pr.number, url: pr.url });
  }
  return pr;
}

async function pullRequestAgeMs(deps: MissionStepDeps, mission: MissionRow): Promise<number> {
  const row = await loadPullRequestForMission(deps.ctx.sql, mission.id);
  // Wall time on purpose: CI runs in real time, whatever clock the run follows.
  return row ? Date.now() - new Date(row.created_at).getTime() : 0;
}

async function markSeen(deps: MissionStepDeps, mission: MissionRow): Promise<void> {
  const row = await loadPullRequestForMission(deps.ctx.sql, mission.id);
  if (row) await markPullRequestSeen(deps.ctx.sql, row.id, row.changed_at ?? deps.ctx.now());
}

function checksPassed(): Record<string, unknown> {
  return { command: CHECKS, passed: true, exitCode: 0, durationMs: 0, outputTail: "" };
}
