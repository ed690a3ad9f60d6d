import type { Logger } from "../../core/logger.ts";
import { revertBranchName } from "../branch-name.ts";
import type { FileChange } from "../../fix/file-change.ts";
import type { BranchRequest, BranchResult, Forge } from "../forge.ts";
import { repoPathProblem } from "../repo-path.ts";
import { createBoundedCache } from "./bounded-cache.ts";
import { summarizeChecks } from "./ci-status.ts";
import { GithubForgeError, type GithubForgeErrorCode, githubMessage, httpStatus, toGithubForgeError } from "./errors.ts";
import { gitBlobId, isFullCommitId } from "./git-object-id.ts";
import { createOctokitClient, type OctokitClientOptions, type RateLimitHandler, type SutureOctokitClient } from "./octokit-client.ts";
import { type PullRequestState, summarizeReviews } from "./pull-request-state.ts";
import {
  blobSchema,
  checkRunSchema,
  checkRunsSchema,
  combinedStatusSchema,
  commitSchema,
  contentFileSchema,
  type GithubPull,
  labelName,
  mergeResultSchema,
  pullSchema,
  refSchema,
  reviewSchema,
  treeSchema,
} from "./schema.ts";

// The Forge for a repository on GitHub, through the REST git data API: reading sources at a
// commit, building ONE fix commit per branch (blobs → tree → commit → ref), pull requests that a
// re-run updates instead of duplicating, CI and reviews, squash merges that respect branch
// protection (never bypassed), and revert pull requests.
//
// The same code runs against github.com with a token and against the tests' local server.

export interface GithubForgeOptions {
  owner: string;
  repo: string;
  token: string;
  /** https://api.github.com by default; the tests' local server; GitHub Enterprise `…/api/v3`. */
  baseUrl?: string;
  defaultBranch?: string;
  userAgent?: string;
  fetch?: typeof fetch;
  retry?: OctokitClientOptions["retry"];
  throttle?: OctokitClientOptions["throttle"];
  onRateLimit?: RateLimitHandler;
  /** Commit author; GitHub uses the token's account when absent. */
  author?: { name: string; email: string };
  logger?: Logger;
  /** Files cached per forge instance (by commit and path). Default 500 entries / 32 MB. */
  cache?: { maxEntries?: number; maxChars?: number };
}

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

export type MergeOutcome =
  | { merged: true; sha: string }
  | { merged: false; reason: string; code: "MERGE_BLOCKED" | "NOT_MERGEABLE" | "CHECKS_PENDING" };

export interface GithubForge extends Forge {
  readonly kind: "github";
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  ensurePullRequest(input: EnsurePullRequestInput): Promise<PullRequestRef & { created: boolean }>;
  /** The newest pull request (any state) whose head is this branch, or null. */
  findPullRequest(branch: string): Promise<(PullRequestRef & { state: "open" | "closed" | "merged" }) | null>;
  pullRequestState(number: number): Promise<PullRequestState>;
  mergePullRequest(number: number, options: { method: "squash"; commitTitle: string; commitMessage?: string }): Promise<MergeOutcome>;
  /** Asks GitHub to merge once protection is satisfied (GraphQL); false when the repo does not allow it. */
  enableAutoMerge(number: number): Promise<boolean>;
  /** Turns a draft into a pull request ready for review (GraphQL; REST has no endpoint for it). */
  markReadyForReview(number: number): Promise<void>;
  openRevertPullRequest(input: { mergeCommit: string; base: string; title: string; body: string }): Promise<PullRequestRef & { branch: string }>;
  countOpenSuturePullRequests(): Promise<number>;
}

export const SUTURE_LABEL = "suture";
/** Labels Suture manages and may remove again when a re-run changes them. */
const MANAGED_LABEL = /^(severity|risk):/;
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** More than any fix needs; bounds the work a huge repository can cost one call. */
const MAX_TREE_ENTRIES = 200_000;
const MAX_LISTED_PULL_PAGES = 10;

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
}
type FlatTree = Map<string, TreeEntry>;

interface CommitInfo {
  sha: string;
  message: string;
  tree: string;
  parents: string[];
}

export function createGithubForge(options: GithubForgeOptions): GithubForge {
  const { owner, repo } = options;
  const defaultBranch = options.defaultBranch ?? "main";
  const logger = options.logger;
  const octokit: SutureOctokitClient = createOctokitClient({
    token: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    fetch: options.fetch,
    retry: options.retry,
    throttle: options.throttle,
    onRateLimit: options.onRateLimit,
    logger,
  });
  const repoParams = { owner, repo };
  // Per instance, bounded: commits and their files never change, refs do (never cached).
  const files = createBoundedCache<string | null>(
    options.cache?.maxEntries ?? 500,
    options.cache?.maxChars ?? 32 * 1024 * 1024,
    (value) => (value?.length ?? 0) + 64,
  );
  const commits = createBoundedCache<CommitInfo>(1_000, 8 * 1024 * 1024, (c) => c.message.length + 200);
  const trees = createBoundedCache<FlatTree>(16, 16 * MAX_TREE_ENTRIES, (t) => t.size + 1);

  async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGithubForgeError(error, doing);
    }
  }

  /** Like call, but a 404 (or GitHub's 422 for an unknown commit) is null. */
  async function callOrNull<T>(doing: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      const status = httpStatus(error);
      if (status === 404 || status === 422) return null;
      throw toGithubForgeError(error, doing);
    }
  }

  async function getCommit(sha: string): Promise<CommitInfo | null> {
    const cached = commits.get(sha);
    if (cached) return cached;
    const data = await callOrNull(`reading commit ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { ...repoParams, commit_sha: sha })).data,
    );
    if (data === null) return null;
    const parsed = commitSchema.parse(data);
    const info = { sha: parsed.sha, message: parsed.message, tree: parsed.tree.sha, parents: parsed.parents.map((p) => p.sha) };
    commits.set(info.sha, info);
    return info;
  }

  async function resolveRef(ref: string): Promise<string | null> {
    if (!plausibleRef(ref)) return null;
    if (isFullCommitId(ref.toLowerCase())) return (await getCommit(ref.toLowerCase()))?.sha ?? null;
    // The sha media type answers with the commit id alone: no diff, no file list.
    const data = await callOrNull(`resolving ${ref}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repoParams, ref, mediaType: { format: "sha" } })).data,
    );
    if (data === null) return null;
    const sha = String(data).trim();
    return isFullCommitId(sha) ? sha : null;
  }

  async function requireCommit(ref: string): Promise<string> {
    const commit = await resolveRef(ref);
    if (commit === null) throw new GithubForgeError("UNKNOWN_REF", `${JSON.stringify(ref)} is not a branch, tag or commit of ${owner}/${repo}.`);
    return commit;
  }

  async function readFile(path: string, ref: string): Promise<string | null> {
    checkPath(path);
    // A full commit id names immutable content: no need to ask GitHub what it points at.
    const commit = isFullCommitId(ref.toLowerCase()) ? ref.toLowerCase() : await requireCommit(ref);
    const key = `${commit}\0${path}`;
    const cached = files.get(key);
    if (cached !== undefined) return cached;
    const data = await callOrNull(`reading ${path}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repoParams, path, ref: commit })).data,
    );
    let content: string | null = null;
    if (data !== null && !Array.isArray(data)) {
      const file = contentFileSchema.parse(data);
      if (file.type === "file") {
        if (file.size > MAX_FILE_BYTES) throw new GithubForgeError("FILE_TOO_LARGE", `${path} is larger than ${MAX_FILE_BYTES} bytes.`);
        // The contents API inlines files up to 1 MB; bigger ones come from the blob API.
        content = file.encoding === "base64" && (file.content ?? "") !== "" ? decodeBase64(file.content!) : file.size === 0 ? "" : await readBlob(file.sha);
      }
    }
    files.set(key, content);
    return content;
  }

  async function readBlob(sha: string): Promise<string> {
    const data = await call(`reading blob ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { ...repoParams, file_sha: sha })).data,
    );
    const blob = blobSchema.parse(data);
    return blob.encoding === "base64" ? decodeBase64(blob.content) : blob.content;
  }

  async function getTree(sha: string, recursive: boolean): Promise<{ entries: Array<{ path: string } & TreeEntry>; truncated: boolean }> {
    const data = await call(`listing tree ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { ...repoParams, tree_sha: sha, ...(recursive ? { recursive: "1" } : {}) })).data,
    );
    const tree = treeSchema.parse(data);
    return { entries: tree.tree.filter((e) => e.sha !== null).map((e) => ({ path: e.path, mode: e.mode, type: e.type, sha: e.sha! })), truncated: tree.truncated };
  }

  /** Every entry of a tree, by full path. Walks level by level when GitHub truncates the listing. */
  async function flatTree(treeSha: string): Promise<FlatTree> {
    const cached = trees.get(treeSha);
    if (cached) return cached;
    const flat: FlatTree = new Map();
    const first = await getTree(treeSha, true);
    if (!first.truncated) {
      for (const entry of first.entries) if (entry.type !== "tree") flat.set(entry.path, entry);
    } else {
      const pending: Array<{ prefix: string; sha: string }> = [{ prefix: "", sha: treeSha }];
      while (pending.length > 0) {
        const next = pending.pop()!;
        for (const entry of (await getTree(next.sha, false)).entries) {
          const path = `${next.prefix}${entry.path}`;
          if (entry.type === "tree") pending.push({ prefix: `${path}/`, sha: entry.sha });
          else flat.set(path, entry);
          if (flat.size > MAX_TREE_ENTRIES) throw new GithubForgeError("FILE_TOO_LARGE", `The tree of ${owner}/${repo} has more than ${MAX_TREE_ENTRIES} files.`);
        }
      }
    }
    trees.set(treeSha, flat);
    return flat;
  }

  async function treeOfCommit(commit: string): Promise<{ info: CommitInfo; flat: FlatTree }> {
    const info = await getCommit(commit);
    if (!info) throw new GithubForgeError("UNKNOWN_REF", `Commit ${commit} is not in ${owner}/${repo}.`);
    return { info, flat: await flatTree(info.tree) };
  }

  async function listFiles(ref: string): Promise<string[]> {
    const { flat } = await treeOfCommit(await requireCommit(ref));
    // Blobs and symlinks, as `git ls-tree -r` lists them; submodules (type commit) are not files.
    return [...flat.entries()].filter(([, e]) => e.type === "blob").map(([path]) => path).sort();
  }

  async function getBranchHead(branch: string): Promise<string | null> {
    const data = await callOrNull(`reading branch ${branch}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...repoParams, ref: `heads/${branch}` })).data,
    );
    return data === null ? null : refSchema.parse(data).object.sha;
  }

  /** Points a branch at a commit: creates it, or moves it (Suture's branches are Suture's). */
  async function setBranch(branch: string, sha: string, existing: string | null): Promise<void> {
    if (existing === null) {
      try {
        await octokit.request("POST /repos/{owner}/{repo}/git/refs", { ...repoParams, ref: `refs/heads/${branch}`, sha });
        return;
      } catch (error) {
        // 422: created meanwhile by a concurrent run; fall through to moving it.
        if (httpStatus(error) !== 422) throw toGithubForgeError(error, `creating branch ${branch}`);
      }
    }
    await call(`moving branch ${branch}`, () =>
      octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ...repoParams, ref: `heads/${branch}`, sha, force: true }),
    );
  }

  async function createCommit(message: string, tree: string, parents: string[]): Promise<string> {
    const data = await call("creating the commit", async () =>
      (await octokit.request("POST /repos/{owner}/{repo}/git/commits", {
        ...repoParams,
        message,
        tree,
        parents,
        ...(options.author ? { author: options.author, committer: options.author } : {}),
      })).data,
    );
    return commitSchema.parse(data).sha;
  }

  async function createTree(baseTree: string, entries: Array<{ path: string; mode: string; sha: string | null }>): Promise<string> {
    const data = await call("creating the tree", async () =>
      (await octokit.request("POST /repos/{owner}/{repo}/git/trees", {
        ...repoParams,
        base_tree: baseTree,
        tree: entries.map((e) => ({ path: e.path, mode: e.mode as "100644", type: "blob" as const, sha: e.sha })),
      })).data,
    );
    return treeSchema.parse(data).sha;
  }

  async function ensureBranch(request: BranchRequest): Promise<BranchResult> {
    const branch = checkBranchName(request.branch);
    const changes = checkChanges(request.changes);
    const baseCommit = await requireCommit(request.base);
    const base = await treeOfCommit(baseCommit);
    const entries = plannedEntries(base.flat, changes, baseCommit);
    if (entries.length === 0) throw new GithubForgeError("EMPTY_CHANGE", "Every change leaves its file as it is; there is nothing to commit.");
    const message = withFinalNewline(request.message);

    const existing = await getBranchHead(branch);
    if (existing !== null && (await branchMatches(existing, baseCommit, base.flat, entries, message))) {
      return { branch, commit: existing };
    }
    for (const entry of entries) {
      if (entry.content === null) continue;
      await call(`uploading ${entry.path}`, () =>
        octokit.request("POST /repos/{owner}/{repo}/git/blobs", { ...repoParams, content: entry.content!, encoding: "utf-8" }),
      );
    }
    const tree = await createTree(base.info.tree, entries);
    const commit = await createCommit(message, tree, [baseCommit]);
    await setBranch(branch, commit, existing);
    return { branch, commit };
  }

  /** Whether an existing fix branch already is exactly one commit with these changes on base. */
  async function branchMatches(existing: string, baseCommit: string, baseFlat: FlatTree, entries: PlannedEntry[], message: string): Promise<boolean> {
    const head = await getCommit(existing);
    if (!head || head.parents.length !== 1 || head.parents[0] !== baseCommit) return false;
    if (head.message.trimEnd() !== message.trimEnd()) return false;
    const expected = new Map(baseFlat);
    for (const entry of entries) {
      if (entry.sha === null) expected.delete(entry.path);
      else expected.set(entry.path, { mode: entry.mode, type: "blob", sha: entry.sha });
    }
    const actual = await flatTree(head.tree);
    if (actual.size !== expected.size) return false;
    for (const [path, entry] of expected) {
      const other = actual.get(path);
      if (!other || other.sha !== entry.sha || other.mode !== entry.mode) return false;
    }
    return true;
  }

  async function listPulls(branch: string, state: "open" | "all"): Promise<GithubPull[]> {
    const data = await call(`listing pull requests for ${branch}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/pulls", { ...repoParams, head: `${owner}:${branch}`, state, per_page: 100 })).data,
    );
    // Newest first; GitHub's `head` filter is exact, the check below keeps it so for any server.
    return (data as unknown[]).map((pull) => pullSchema.parse(pull)).filter((pull) => pull.head.ref === branch).sort((a, b) => b.number - a.number);
  }

  async function getPull(number: number): Promise<GithubPull> {
    const data = await call(`reading pull request #${number}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repoParams, pull_number: number })).data,
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
          ...repoParams,
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
          ...repoParams,
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
      await call(`labelling #${number}`, () => octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...repoParams, issue_number: number, labels: add }));
    }
    for (const name of remove) {
      await callOrNull(`unlabelling #${number}`, () => octokit.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...repoParams, issue_number: number, name }));
    }
  }

  async function requestReviewers(number: number, reviewers: string[]): Promise<void> {
    try {
      await octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", { ...repoParams, pull_number: number, reviewers });
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
      octokit.paginate("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...repoParams, ref: sha, per_page: 100 }),
    );
    const status = await call(`reading statuses of ${sha.slice(0, 12)}`, async () =>
      (await octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/status", { ...repoParams, ref: sha, per_page: 100 })).data,
    );
    const checkRuns = (runs as unknown[]).map((run) => checkRunSchema.parse(run));
    return summarizeChecks(checkRuns, combinedStatusSchema.parse(status).statuses);
  }

  async function pullRequestState(number: number): Promise<PullRequestState> {
    const pull = await getPull(number);
    const checks = await checksFor(pull.head.sha);
    const reviews = await call(`reading reviews of #${number}`, () =>
      octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", { ...repoParams, pull_number: number, per_page: 100 }),
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

  async function mergePullRequest(number: number, mergeOptions: { method: "squash"; commitTitle: string; commitMessage?: string }): Promise<MergeOutcome> {
    const pull = await getPull(number);
    if (pull.merged || pull.merged_at) {
      // A re-run after a crash: the merge already happened.
      return { merged: true, sha: pull.merge_commit_sha ?? pull.head.sha };
    }
    if (pull.state === "closed") return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} is closed without being merged.` };
    if (pull.draft) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} is a draft; a person marks it ready for review first.` };
    if (pull.mergeable === false) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} conflicts with ${pull.base.ref}; the fix must be rebuilt on the current base.` };
    try {
      const data = (await octokit.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", {
        ...repoParams,
        pull_number: number,
        merge_method: mergeOptions.method,
        commit_title: mergeOptions.commitTitle,
        ...(mergeOptions.commitMessage !== undefined ? { commit_message: mergeOptions.commitMessage } : {}),
        // Merge exactly the commit whose checks we looked at; GitHub answers 409 if it moved.
        sha: pull.head.sha,
      })).data;
      const result = mergeResultSchema.parse(data);
      return { merged: true, sha: result.sha };
    } catch (error) {
      const status = httpStatus(error);
      if (status !== 405 && status !== 409 && status !== 422) throw toGithubForgeError(error, `merging #${number}`);
      const refusal = githubMessage(error);
      if (status === 409) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} changed while Suture was merging it (${refusal}).` };
      // Decide from the checks themselves, not from GitHub's wording.
      const checks = await checksFor(pull.head.sha);
      if (checks.status === "pending") {
        return { merged: false, code: "CHECKS_PENDING", reason: `Checks still running on #${number} (${checks.pending.join(", ")}); GitHub said: ${refusal}` };
      }
      return { merged: false, code: "MERGE_BLOCKED", reason: `Branch protection refused to merge #${number}: ${refusal}` };
    }
  }

  async function enableAutoMerge(number: number): Promise<boolean> {
    const pull = await getPull(number);
    if (!pull.node_id) return false;
    try {
      await octokit.graphql(
        `mutation($id: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: SQUASH }) { pullRequest { number } } }`,
        { id: pull.node_id },
      );
      return true;
    } catch (error) {
      // GraphQL errors (auto-merge disabled in the repository, already clean) mean "not enabled".
      if (httpStatus(error) === null || httpStatus(error) === 422) {
        logger?.warn("github auto-merge not enabled", { pull: number, reason: githubMessage(error) });
        return false;
      }
      throw toGithubForgeError(error, `enabling auto-merge on #${number}`);
    }
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

  async function openRevertPullRequest(input: { mergeCommit: string; base: string; title: string; body: string }): Promise<PullRequestRef & { branch: string }> {
    const target = await requireCommit(input.mergeCommit);
    const branch = revertBranchName(target);
    const open = (await listPulls(branch, "open"))[0];
    if (open) return { number: open.number, url: open.html_url, branch };

    const reverted = await treeOfCommit(target);
    const parent = reverted.info.parents[0];
    if (!parent) throw new GithubForgeError("REVERT_CONFLICT", `${target.slice(0, 12)} has no parent; there is nothing to revert it to.`);
    const before = (await treeOfCommit(parent)).flat;
    const headCommit = await requireCommit(input.base);
    const head = await treeOfCommit(headCommit);
    const entries: Array<{ path: string; mode: string; sha: string | null }> = [];
    let stillThere = false;
    for (const path of new Set([...before.keys(), ...reverted.flat.keys()])) {
      const old = before.get(path);
      const changed = reverted.flat.get(path);
      if (sameEntry(old, changed)) continue;
      const now = head.flat.get(path);
      if (sameEntry(now, old)) continue;
      if (!sameEntry(now, changed)) {
        throw new GithubForgeError("REVERT_CONFLICT", `${path} changed again on ${input.base} after ${target.slice(0, 12)}; revert it by hand.`);
      }
      stillThere = true;
      entries.push({ path, mode: old?.mode ?? changed!.mode, sha: old?.sha ?? null });
    }
    if (!stillThere) throw new GithubForgeError("REVERT_CONFLICT", `${input.base} no longer contains the changes of ${target.slice(0, 12)}; nothing to revert.`);
    const tree = await createTree(head.info.tree, entries);
    const commit = await createCommit(withFinalNewline(`${input.title}\n\nThis reverts commit ${target}.`), tree, [headCommit]);
    await setBranch(branch, commit, await getBranchHead(branch));
    const pull = await ensurePullRequest({ branch, base: input.base, title: input.title, body: input.body, labels: [SUTURE_LABEL, "revert"], draft: false });
    return { number: pull.number, url: pull.url, branch };
  }

  async function countOpenSuturePullRequests(): Promise<number> {
    // The pulls list (not issues or search): it needs only the pull requests permission and
    // carries the labels, and search has its own, much lower rate limit.
    let count = 0;
    for (let page = 1; page <= MAX_LISTED_PULL_PAGES; page++) {
      const data = await call("counting open Suture pull requests", async () =>
        (await octokit.request("GET /repos/{owner}/{repo}/pulls", { ...repoParams, state: "open", per_page: 100, page })).data,
      );
      const pulls = (data as unknown[]).map((pull) => pullSchema.parse(pull));
      count += pulls.filter((pull) => pull.labels.map(labelName).includes(SUTURE_LABEL)).length;
      if (pulls.length < 100) break;
    }
    return count;
  }

  async function merge(branch: string, base: string, message: string): Promise<{ commit: string }> {
    const found = await findPullRequest(branch);
    if (!found) throw new GithubForgeError("NO_PULL_REQUEST", `${branch} has no pull request into ${base}; open one with ensurePullRequest first.`);
    const [title = "", ...rest] = message.split("\n");
    const outcome = await mergePullRequest(found.number, { method: "squash", commitTitle: title, commitMessage: rest.join("\n").trim() });
    if (outcome.merged) return { commit: outcome.sha };
    throw new GithubForgeError(outcome.code, outcome.reason, { details: { pullRequest: found.number } });
  }

  async function revert(commit: string, base: string, message: string): Promise<{ commit: string }> {
    const [title = `Revert ${commit.slice(0, 12)}`] = message.split("\n");
    const pull = await openRevertPullRequest({ mergeCommit: commit, base, title, body: message });
    const outcome = await mergePullRequest(pull.number, { method: "squash", commitTitle: title });
    if (outcome.merged) return { commit: outcome.sha };
    throw new GithubForgeError("REVERT_PENDING", `The revert is open as #${pull.number} (${pull.url}) but was not merged: ${outcome.reason}`, {
      details: { pullRequest: pull.number, url: pull.url, branch: pull.branch, refusal: outcome.code },
    });
  }

  return {
    kind: "github",
    owner,
    repo,
    defaultBranch,
    resolveRef,
    readFile,
    listFiles,
    ensureBranch,
    merge,
    revert,
    ensurePullRequest,
    findPullRequest,
    pullRequestState,
    mergePullRequest,
    enableAutoMerge,
    markReadyForReview,
    openRevertPullRequest,
    countOpenSuturePullRequests,
  };
}

interface PlannedEntry {
  path: string;
  mode: string;
  /** null deletes the path. */
  sha: string | null;
  content: string | null;
}

/** Tree entries for the changes, after checking each `before` against base (by blob id). */
function plannedEntries(base: FlatTree, changes: FileChange[], baseCommit: string): PlannedEntry[] {
  const entries: PlannedEntry[] = [];
  for (const change of changes) {
    const current = base.get(change.path);
    const expected = change.before === null ? undefined : gitBlobId(change.before);
    if (current?.sha !== expected) {
      const state = current === undefined ? "does not exist" : change.before === null ? "already exists" : "has different contents";
      throw new GithubForgeError("STALE_BASE", `${change.path} ${state} at ${baseCommit.slice(0, 12)}; regenerate the fix against the current base.`);
    }
    if (change.before === change.after) continue;
    if (change.after === null) {
      entries.push({ path: change.path, mode: current!.mode, sha: null, content: null });
      continue;
    }
    entries.push({ path: change.path, mode: current?.mode ?? "100644", sha: gitBlobId(change.after), content: change.after });
  }
  return entries;
}

function pullState(pull: GithubPull): "open" | "closed" | "merged" {
  if (pull.merged || pull.merged_at) return "merged";
  return pull.state;
}

function sameEntry(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.sha === b.sha && a.mode === b.mode;
}

function checkPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new GithubForgeError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: ${problem}.`);
  return path;
}

function checkChanges(changes: FileChange[]): FileChange[] {
  const seen = new Set<string>();
  for (const change of changes) {
    checkPath(change.path);
    if (seen.has(change.path)) throw new GithubForgeError("INVALID_PATH", `${change.path} is listed twice; merge its changes into one.`);
    seen.add(change.path);
  }
  return changes;
}

/** git check-ref-format's rules for a branch name, without a git binary. */
export function checkBranchName(branch: string): string {
  const valid =
    plausibleRef(branch) &&
    !branch.startsWith("refs/") &&
    !branch.startsWith("/") &&
    !branch.endsWith("/") &&
    !branch.endsWith(".") &&
    !branch.includes("..") &&
    !branch.includes("//") &&
    !branch.includes("@{") &&
    branch !== "@" &&
    !/[~^:?*[\\\x7f]/.test(branch) &&
    branch.split("/").every((part) => !part.startsWith(".") && !part.endsWith(".lock"));
  if (!valid) throw new GithubForgeError("INVALID_BRANCH_NAME", `${JSON.stringify(branch)} is not a valid branch name; build it with fixBranchName.`);
  return branch;
}

/** Refs from callers never start with "-" or carry whitespace or control characters. */
function plausibleRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= 1_024 && !ref.startsWith("-") && !/[\s\p{Cc}]/u.test(ref);
}

function withFinalNewline(message: string): string {
  return message.endsWith("\n") ? message : `${message}\n`;
}

function decodeBase64(text: string): string {
  const binary = atob(text.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}

export type { GithubForgeErrorCode };
