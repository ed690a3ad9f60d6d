import type { ChecksStatus, FailingCheck } from "./ci-status.ts";
import type { GithubReview } from "./schema.ts";

// What Suture knows about one of its pull requests at a moment: the input of followPullRequest.

export interface ReviewSummary {
  /** Someone's latest decisive review approves (and is not later dismissed). */
  approved: boolean;
  /** Someone's latest decisive review asks for changes. */
  changesRequested: boolean;
  /** Who approved. */
  by: string[];
  /** Who asked for changes. */
  changesRequestedBy: string[];
}

export interface PullRequestState {
  number: number;
  url: string;
  state: "open" | "closed" | "merged";
  draft: boolean;
  headSha: string;
  headBranch: string;
  baseBranch: string;
  /** null while GitHub is still computing it. */
  mergeable: boolean | null;
  mergeCommit: string | null;
  labels: string[];
  checks: { status: ChecksStatus; failing: FailingCheck[]; pending: string[] };
  reviews: ReviewSummary;
}

/**
 * GitHub's review decision from the review list: per reviewer, the latest review that decides
 * (approve, request changes, or a dismissal that cancels one); comments decide nothing.
 */
export function summarizeReviews(reviews: GithubReview[]): ReviewSummary {
  const latest = new Map<string, { state: string; id: number }>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login) continue;
    const state = review.state.toUpperCase();
    if (state !== "APPROVED" && state !== "CHANGES_REQUESTED" && state !== "DISMISSED") continue;
    const current = latest.get(login);
    if (!current || review.id > current.id) latest.set(login, { state, id: review.id });
  }
  const by: string[] = [];
  const changesRequestedBy: string[] = [];
  for (const [login, review] of latest) {
    if (review.state === "APPROVED") by.push(login);
    if (review.state === "CHANGES_REQUESTED") changesRequestedBy.push(login);
  }
  by.sort();
  changesRequestedBy.sort();
  return { approved: by.length > 0, changesRequested: changesRequestedBy.length > 0, by, changesRequestedBy };
}
