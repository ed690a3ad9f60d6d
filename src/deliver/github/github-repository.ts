import type { BranchRequest, BranchResult } from "../forge.ts";
import { ensureFixBranch } from "./fix-branch.ts";
import { createGithubApi, type GithubApiOptions } from "./github-api.ts";
import { createGitData, type GitDataOptions } from "./git-data.ts";
import { createMerging, type Merging } from "./merging.ts";
import { createPullRequests, type PullRequests } from "./pull-requests.ts";

// A repository on GitHub, through the REST git data API: reading sources at a commit, building
// ONE fix commit per branch (fix-branch.ts), pull requests that a re-run updates instead of
// duplicating, CI and reviews (pull-requests.ts), squash merges that respect branch protection
// (never bypassed) and revert pull requests (merging.ts). github-forge.ts builds the Forge on it.
//
// The same code runs against github.com with a token and against the tests' local server.

export interface GithubRepositoryOptions extends GithubApiOptions, GitDataOptions {
  defaultBranch?: string;
}

export interface GithubRepository extends Omit<PullRequests, "listOpenPulls" | "getPull" | "checksFor">, Merging {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  resolveRef(ref: string): Promise<string | null>;
  readFile(path: string, ref: string): Promise<string | null>;
  listFiles(ref: string): Promise<string[]>;
  ensureBranch(request: BranchRequest): Promise<BranchResult>;
}

export function createGithubRepository(options: GithubRepositoryOptions): GithubRepository {
  const api = createGithubApi(options);
  const data = createGitData(api, options);
  const pulls = createPullRequests(api);
  const merging = createMerging(api, data, pulls);
  return {
    owner: options.owner,
    repo: options.repo,
    defaultBranch: options.defaultBranch ?? "main",
    resolveRef: data.resolveRef,
    readFile: data.readFile,
    listFiles: data.listFiles,
    ensureBranch: (request) => ensureFixBranch(data, request),
    ensurePullRequest: pulls.ensurePullRequest,
    findPullRequest: pulls.findPullRequest,
    pullRequestState: pulls.pullRequestState,
    markReadyForReview: pulls.markReadyForReview,
    countOpenSuturePullRequests: pulls.countOpenSuturePullRequests,
    mergePullRequest: merging.mergePullRequest,
    enableAutoMerge: merging.enableAutoMerge,
    openRevertPullRequest: merging.openRevertPullRequest,
    revertMerge: merging.revertMerge,
  };
}
