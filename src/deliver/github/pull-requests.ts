import { summarizeChecks } from "./ci-status.ts";
import { githubMessage, httpStatus, toGithubForgeError } from "./errors.ts";
import type { GithubApi } from "./github-api.ts";
import { type PullRequestState, summarizeReviews } from "./pull-request-state.ts";
import { checkBranchName } from "./ref-names.ts";
import { checkRunSchema, combinedStatusSchema, type GithubPull, labelName, pullSchema, reviewSchema } from "./schema.ts";

// Suture's pull requests: opened once per branch and updated on a re-run instead of duplicated
// (labels, reviewers, draft → ready), found again by branch, and read back with their checks and
// reviews.

export interface EnsurePullRequestInput {
  branch: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
  reviewers?: string[];
  draft: boolean;
}

export interface PullRequestRef {
  number: number;
  url: string;
}

export interface PullRequests {
  ensurePullRequest(input: EnsurePullRequestInput): Promise<PullRequestRef & { created: boolean }>;
  /** The newest pull request (any state) whose head is this branch, or null. */
  findPullRequest(branch: string): Promise<(PullRequestRef & { state: "open" | "closed" | "merged" }) | null>;
  /** Open pull requests whose head is this branch, newest first. */
  listOpenPulls(branch: string): Promise<GithubPull[]>;
  getPull(number: number): Promise<GithubPull>;
  pullRequestState(number: number): Promise<PullRequestState>;
  checksFor(sha: string): Promise<ReturnType<typeof summarizeChecks>>;
  /** Turns a draft into a pull request ready for review (GraphQL; REST has no endpoint for it). */
  markReadyForReview(number: number): Promise<void>;
  countOpenSuturePullRequests(): Promise<number>;
}

export const SUTURE_LABEL = "suture";
/** Labels Suture manages and may remove again when a re-run changes them. */
const MANAGED_LABEL = /^(severity|risk):/;
const MAX_LISTED_PULL_PAGES = 10;

export function createPullRequests(api: GithubApi): PullRequests {
  const { octokit, owner, params, call, callOrNull, logger } = api;

  async function listPulls(branch: string, state: "open" | "all"): Promise<GithubPull[]> {
    const data = await call(`listing pull requests for ${branch}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/pulls", { ...params, head: `${owner}:${branch}`, state, per_page: 100 })).data,
    );
    // Newest first; GitHub's `head` filter is exact, the check below keeps it so for any server.
    return (data as unknown[]).map((pull) => pullSchema.parse(pull)).filter((pull) => pull.head.ref === branch).sort((a, b) => b.number - a.number);
  }

  async function getPull(number: number): Promise<GithubPull> {
    const data = await call(`reading pull request #${number}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...params, pull_number: number })).data,
    );
    return pullSchema.parse(data);
  }

  async function ensurePullRequest(input: EnsurePullRequestInput): Promise<PullRequestRef & { created: boolean }> {
    const branch = checkBranchName(input.branch);
    let pull = (await listPulls(branch, "open"))[0] ?? null;
    let created = false;
    if (pull === null) {
      try {
        const data = (await octokit.request("POST /repos/{owner}/{repo}/pulls", {
          ...params,
          head: branch,
          base: input.base,
          title: input.title,
          body: input.body,
          draft: input.draft,
        })).data;
        pull = pullSchema.parse(data);
        created = true;
      } catch (error) {
        // 422 "A pull request already exists": a concurrent run opened it; update that one.
        const raced = httpStatus(error) === 422 ? (await listPulls(branch, "open"))[0] : undefined;
        if (raced === undefined) throw toGithubForgeError(error, `opening a pull request for ${branch}`);
        pull = raced;
      }
    }
    if (!created && (pull.title !== input.title || (pull.body ?? "") !== input.body || pull.base.ref !== input.base)) {
      const data = await call(`updating pull request #${pull.number}`, async () =>
        (await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
          ...params,
          pull_number: pull!.number,
          title: input.title,
          body: input.body,
          base: input.base,
        })).data,
      );
      pull = pullSchema.parse(data);
    }
    // A person decided (or policy changed): the draft becomes a normal pull request. Never the
    // other way round: a reviewer may already be looking at it.
    if (!created && pull.draft && !input.draft && pull.node_id) await markReady(pull.node_id, pull.number);
    await syncLabels(pull.number, pull.labels.map(labelName), input.labels);
    if (created && input.reviewers && input.reviewers.length > 0) await requestReviewers(pull.number, input.reviewers);
    return { number: pull.number, url: pull.html_url, created };
  }

  async function syncLabels(number: number, current: string[], wanted: string[]): Promise<void> {
    const add = wanted.filter((label) => !current.includes(label));
    const remove = current.filter((label) => MANAGED_LABEL.test(label) && !wanted.includes(label));
    if (add.length > 0) {
      // GitHub creates labels that do not exist yet.
      await call(`labelling #${number}`, () => octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...params, issue_number: number, labels: add }));
    }
    for (const name of remove) {
      await callOrNull(`unlabelling #${number}`, () => octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...params, issue_number: number, name }));
    }
  }

  async function requestReviewers(number: number, reviewers: string[]): Promise<void> {
    try {
      await octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { ...params, pull_number: number, reviewers });
    } catch (error) {
      // A reviewer who is not a collaborator (422) must not cost the fix its pull request.
      if (httpStatus(error) !== 422) throw toGithubForgeError(error, `requesting reviewers on #${number}`);
      logger?.warn("github reviewers not requested", { pull: number, reason: githubMessage(error) });
    }
  }

  async function findPullRequest(branch: string): Promise<(PullRequestRef & { state: "open" | "closed" | "merged" }) | null> {
    const pulls = await listPulls(checkBranchName(branch), "all");
    const pull = pulls.find((p) => p.state === "open") ?? pulls[0];
    return pull ? { number: pull.number, url: pull.html_url, state: pullState(pull) } : null;
  }

  async function checksFor(sha: string): Promise<ReturnType<typeof summarizeChecks>> {
    const runs = await call(`reading check runs of ${sha.slice(0, 12)}`, () =>
      octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...params, ref: sha, per_page: 100 }),
    );
    const status = await call(`reading statuses of ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/status", { ...params, ref: sha, per_page: 100 })).data,
    );
    const checkRuns = (runs as unknown[]).map((run) => checkRunSchema.parse(run));
    return summarizeChecks(checkRuns, combinedStatusSchema.parse(status).statuses);
  }

  async function pullRequestState(number: number): Promise<PullRequestState> {
    const pull = await getPull(number);
    const checks = await checksFor(pull.head.sha);
    const reviews = await call(`reading reviews of #${number}`, () =>
      octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...params, pull_number: number, per_page: 100 }),
    );
    return {
      number: pull.number,
      url: pull.html_url,
      state: pullState(pull),
      draft: pull.draft,
      headSha: pull.head.sha,
      headBranch: pull.head.ref,
      baseBranch: pull.base.ref,
      mergeable: pull.mergeable ?? null,
      mergeCommit: pull.merged || pull.merged_at ? (pull.merge_commit_sha ?? null) : null,
      labels: pull.labels.map(labelName),
      checks: { status: checks.status, failing: checks.failing, pending: checks.pending },
      reviews: summarizeReviews((reviews as unknown[]).map((review) => reviewSchema.parse(review))),
    };
  }

  async function markReady(nodeId: string, number: number): Promise<void> {
    await call(`marking #${number} ready for review`, () =>
      octokit.graphql(`mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`, { id: nodeId }),
    );
  }

  async function markReadyForReview(number: number): Promise<void> {
    const pull = await getPull(number);
    if (pull.draft && pull.node_id) await markReady(pull.node_id, number);
  }

  async function countOpenSuturePullRequests(): Promise<number> {
    // The pulls list (not issues or search): it needs only the pull requests permission and
    // carries the labels, and search has its own, much lower rate limit.
    let count = 0;
    for (let page = 1; page <= MAX_LISTED_PULL_PAGES; page++) {
      const data = await call("counting open Suture pull requests", async () =>
        (await octokit.request("GET /repos/{owner}/{repo}/pulls", { ...params, state: "open", per_page: 100, page })).data,
      );
      const pulls = (data as unknown[]).map((pull) => pullSchema.parse(pull));
      count += pulls.filter((pull) => pull.labels.map(labelName).includes(SUTURE_LABEL)).length;
      if (pulls.length < 100) break;
    }
    return count;
  }

  return {
    ensurePullRequest,
    findPullRequest,
    listOpenPulls: (branch) => listPulls(branch, "open"),
    getPull,
    pullRequestState,
    checksFor,
    markReadyForReview,
    countOpenSuturePullRequests,
  };
}

function pullState(pull: GithubPull): "open" | "closed" | "merged" {
  if (pull.merged || pull.merged_at) return "merged";
  return pull.state;
}
