import { describeFailingChecks } from "./ci-status.ts";
import type { PullRequestState } from "./pull-request-state.ts";

// What a Suture pull request's state means for its mission, decided purely. Checked in order:
// merged, closed, changes requested, conflict, failing checks, running checks, missing approval.
// The caller acts: a new attempt with the CI summary (up to the attempt limit), a rejection that
// counts against the pattern, a merge, or nothing yet.

export type PullRequestProgress =
  | { kind: "waiting"; reason: string }
  | { kind: "ci_failed"; summary: string }
  | { kind: "conflict"; reason: string }
  | { kind: "approved_and_green"; checks: "success" | "none" }
  | { kind: "rejected"; reason: string }
  | { kind: "merged"; sha: string };

export function followPullRequest(state: PullRequestState, needsApproval: boolean): PullRequestProgress {
  if (state.state === "merged") return { kind: "merged", sha: state.mergeCommit ?? state.headSha };
  if (state.state === "closed") return { kind: "rejected", reason: `#${state.number} was closed without being merged.` };
  if (state.reviews.changesRequested) {
    return { kind: "rejected", reason: `Changes were requested on #${state.number} by ${state.reviews.changesRequestedBy.join(", ") || "a reviewer"}.` };
  }
  if (state.mergeable === false) {
    return { kind: "conflict", reason: `#${state.number} conflicts with ${state.baseBranch}; the fix must be rebuilt on the current base.` };
  }
  if (state.checks.status === "failure") return { kind: "ci_failed", summary: describeFailingChecks(state.checks.failing) };
  if (state.checks.status === "pending") {
    const names = state.checks.pending.slice(0, 5).join(", ");
    return { kind: "waiting", reason: `Checks are still running on #${state.number}${names ? ` (${names})` : ""}.` };
  }
  if (needsApproval && !state.reviews.approved) {
    return { kind: "waiting", reason: `#${state.number} waits for an approving review.` };
  }
  return { kind: "approved_and_green", checks: state.checks.status === "success" ? "success" : "none" };
}
