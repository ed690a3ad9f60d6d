import { loadPullRequestForMission, markPullRequestSeen } from "../../store/github/list-changed-pull-requests.ts";
import type { PullRequestRow } from "../../store/github/pull-request-row.ts";
import { recordPullRequest } from "../../store/github/record-pull-request.ts";
import type { Sql } from "../../store/sql.ts";
import { revertBranchName } from "../branch-name.ts";
import type { ChecksReport, Forge, MergeOutcome, MergeRequest, PersonDecision, Proposal, ProposalProgress, ProposalRequest, RevertOutcome, RevertProgress, RevertRequest } from "../forge.ts";
import { GithubForgeError } from "./errors.ts";
import { followPullRequest } from "./follow-pull-request.ts";
import type { GithubRepository } from "./github-repository.ts";
import { missionMarker } from "./mission-marker.ts";
import { buildPullRequest, inline } from "./pull-request-body.ts";

// The Forge on GitHub. A proposal is a pull request, recorded in healing.pull_requests so webhooks
// find its mission. Its checks are the repository's CI; a person's review is the decision
// (approve, or request changes); closing it rejects the fix. Merges are squash merges that branch
// protection may refuse (then GitHub's auto-merge, or people); a regression opens a revert pull
// request.

export interface GithubForgeOptions {
  repository: GithubRepository;
  sql: Sql;
}

const CHECKS = "GitHub checks";
/**
 * A pull request with no checks at all counts as green only after this long: right after a push,
 * "no checks" usually means CI has not started yet, not that the repository has none.
 */
export const NO_CHECKS_GRACE_MS = 5 * 60_000;

export function createGithubForge(options: GithubForgeOptions): Forge {
  const { repository, sql } = options;

  async function propose(request: ProposalRequest): Promise<Proposal> {
    const built = buildPullRequest(request.content);
    const pull = await repository.ensurePullRequest({
      branch: request.branch,
      base: request.base,
      title: built.title,
      body: built.body,
      labels: built.labels,
      reviewers: request.reviewers,
      draft: request.draft || built.draft,
    });
    await recordPullRequest(sql, {
      missionId: request.content.mission.id,
      projectId: request.projectId,
      repo: `${repository.owner}/${repository.repo}`,
      number: pull.number,
      url: pull.url,
      headBranch: request.branch,
      headSha: request.commit,
      baseBranch: request.base,
    });
    return { created: pull.created, mention: `pull request #${pull.number}`, url: pull.url, data: { pullRequest: pull.number } };
  }

  async function follow(request: { missionId: string; needsApproval: boolean }): Promise<ProposalProgress> {
    const row = await loadPullRequestForMission(sql, request.missionId);
    if (!row) return { kind: "waiting", reason: "No pull request is recorded for this mission yet." };
    const progress = followPullRequest(await repository.pullRequestState(row.number), request.needsApproval);
    await markPullRequestSeen(sql, row.id, row.changed_at);
    switch (progress.kind) {
      case "waiting":
      case "rejected":
        return progress;
      case "merged":
        return { kind: "merged", commit: progress.sha };
      case "ci_failed":
        return { kind: "checks_failed", checks: failedChecks(row.number, progress.summary) };
      case "conflict":
        return { kind: "conflict", checks: failedChecks(row.number, progress.reason) };
      case "approved_and_green": {
        // Only while the checks are the validation: a proposal waiting for a person is older.
        if (progress.checks === "none" && !request.needsApproval && ageMs(row) < NO_CHECKS_GRACE_MS) {
          return { kind: "waiting", reason: `#${row.number} has no checks yet; CI may not have started.` };
        }
        return {
          kind: "ready",
          checks: {
            validation: { command: CHECKS, passed: true, exitCode: 0, durationMs: 0, outputTail: "" },
            summary: `${CHECKS} ${progress.checks === "none" ? "(none configured)" : "passed"} on #${row.number}`,
            data: { pullRequest: row.number },
          },
        };
      }
    }
  }

  async function decision(missionId: string): Promise<PersonDecision> {
    const row = await loadPullRequestForMission(sql, missionId);
    if (!row) return { kind: "none" };
    const { reviews } = await repository.pullRequestState(row.number);
    if (reviews.changesRequested) {
      return { kind: "rejected", by: reviews.changesRequestedBy, reason: `Changes were requested on #${row.number} by ${reviews.changesRequestedBy.join(", ")}.` };
    }
    return reviews.approved ? { kind: "approved", by: reviews.by } : { kind: "none" };
  }

  async function merge(request: MergeRequest): Promise<MergeOutcome> {
    const row = await loadPullRequestForMission(sql, request.missionId);
    if (!row) throw new GithubForgeError("NO_PULL_REQUEST", `${request.branch} has no recorded pull request into ${request.base}; propose it first.`);
    const number = row.number;
    const merged = await repository.mergePullRequest(number, { method: "squash", commitTitle: `${request.title} (#${number})` });
    if (merged.merged) return { merged: true, commit: merged.sha };
    if (request.by === "person") {
      return { merged: false, held: false, note: `GitHub refused the merge of #${number}: ${merged.reason}`, data: { code: merged.code } };
    }
    // Branch protection (or a pending requirement) said no: ask GitHub to merge when it allows,
    // or leave the pull request to people. Never bypass protection.
    const autoMerge = await repository.enableAutoMerge(number).catch(() => false);
    const then = autoMerge ? "auto-merge is enabled, so GitHub merges it once protection is satisfied" : "the pull request is left for people to merge";
    return { merged: false, held: false, note: `GitHub refused the merge (${merged.code}: ${merged.reason}); ${then}.`, data: { pullRequest: number, autoMerge } };
  }

  async function revert(request: RevertRequest): Promise<RevertOutcome> {
    // The reason quotes production error text: flattened and neutralised like every PR body. The
    // marker maps the revert pull request back to its mission for webhooks.
    const marker = missionMarker({ missionId: request.missionId, traceId: request.traceId });
    const message = `Revert "${request.title}"\n\n${inline(request.reason)}\n\n${marker}\nSuture-Trace: ${request.traceId}\n`;
    // Merged where protection allows; otherwise REVERT_PENDING, and followRevert watches it.
    const reverted = await repository.revertMerge(request.mergeCommit, request.base, message);
    return { kind: "reverted", commit: reverted.commit };
  }

  async function followRevert(request: { mergeCommit: string }): Promise<RevertProgress> {
    const pull = await repository.findPullRequest(revertBranchName(request.mergeCommit));
    if (!pull || pull.state !== "merged") return { kind: "pending" };
    const state = await repository.pullRequestState(pull.number);
    const commit = state.mergeCommit ?? state.headSha;
    return {
      kind: "reverted",
      commit,
      summary: `The revert pull request #${pull.number} was merged as ${commit.slice(0, 12)}.`,
      data: { pullRequest: pull.number, commit },
    };
  }

  return {
    resolveRef: repository.resolveRef,
    readFile: repository.readFile,
    listFiles: repository.listFiles,
    ensureBranch: repository.ensureBranch,
    propose,
    follow,
    decision,
    merge,
    revert,
    followRevert,
  };
}

function failedChecks(number: number, failure: string): ChecksReport {
  return { validation: { command: CHECKS, passed: false, outputTail: failure }, summary: `${CHECKS} failed on #${number}`, data: { pullRequest: number, failure } };
}

function ageMs(row: PullRequestRow): number {
  // Wall time on purpose: CI runs in real time, whatever clock the run follows.
  return Date.now() - new Date(row.created_at).getTime();
}
