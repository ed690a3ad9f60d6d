import type { BranchRequest, BranchResult, Forge } from "../forge.ts";
import { GithubForgeError } from "./errors.ts";
import { ensureFixBranch } from "./fix-branch.ts";
import { createGithubApi, type GithubApiOptions } from "./github-api.ts";
import { createGitData, type GitDataOptions } from "./git-data.ts";
import { createMerging, type Merging } from "./merging.ts";
import { createPullRequests, type PullRequests } from "./pull-requests.ts";

// A repository on GitHub, through the REST git data API: reading sources at a commit, building
// ONE fix commit per branch (fix-branch.ts), pull requests that a re-run updates instead of
// duplicating, CI and reviews (pull-requests.ts), squash merges that respect branch protection
// (never bypassed) and revert pull requests (merging.ts).
//
// The same code runs against github.com with a token and against the tests' local server.

export interface GithubRepositoryOptions extends GithubApiOptions, GitDataOptions {
  defaultBranch?: string;
}

export interface GithubRepository extends Forge, Omit<PullRequests, "listOpenPulls" | "getPull" | "checksFor">, Omit<Merging, "revertMerge"> {
  readonly kind: "github";
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
}

export function createGithubRepository(options: GithubRepositoryOptions): GithubRepository {
  const api = createGithubApi(options);
  const data = createGitData(api, options);
  const pulls = createPullRequests(api);
  const merging = createMerging(api, data, pulls);

  async function merge(branch: string, base: string, message: string): Promise<{ commit: string }> {
    const found = await pulls.findPullRequest(branch);
    if (!found) throw new GithubForgeError("NO_PULL_REQUEST", `${branch} has no pull request into ${base}; open one with ensurePullRequest first.`);
    const [title = "", ...rest] = message.split("\n");
    const outcome = await merging.mergePullRequest(found.number, { method: "squash", commitTitle: title, commitMessage: rest.join("\n").trim() });
    if (outcome.merged) return { commit: outcome.sha };
    throw new GithubForgeError(outcome.code, outcome.reason, { details: { pullRequest: found.number } });
  }

  return {
    kind: "github",
    owner: options.owner,
    repo: options.repo,
    defaultBranch: options.defaultBranch ?? "main",
    resolveRef: data.resolveRef,
    readFile: data.readFile,
    listFiles: data.listFiles,
    ensureBranch: (request: BranchRequest): Promise<BranchResult> => ensureFixBranch(data, request),
    merge,
    revert: merging.revertMerge,
    ensurePullRequest: pulls.ensurePullRequest,
    findPullRequest: pulls.findPullRequest,
    pullRequestState: pulls.pullRequestState,
    markReadyForReview: pulls.markReadyForReview,
    countOpenSuturePullRequests: pulls.countOpenSuturePullRequests,
    mergePullRequest: merging.mergePullRequest,
    enableAutoMerge: merging.enableAutoMerge,
    openRevertPullRequest: merging.openRevertPullRequest,
  };
}
