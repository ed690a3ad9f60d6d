import { revertBranchName } from "../branch-name.ts";
import { GithubForgeError, githubMessage, httpStatus, toGithubForgeError } from "./errors.ts";
import type { GithubApi } from "./github-api.ts";
import { type GitData, sameEntry, type TreeWrite } from "./git-data.ts";
import { type PullRequestRef, type PullRequests, SUTURE_LABEL } from "./pull-requests.ts";
import { withFinalNewline } from "./ref-names.ts";
import { mergeResultSchema } from "./schema.ts";

// Landing changes on GitHub: squash merges that branch protection may refuse (never bypassed),
// GitHub's auto-merge for when protection is satisfied later, and revert pull requests.

export type MergeOutcome =
  | { merged: true; sha: string }
  | { merged: false; reason: string; code: "MERGE_BLOCKED" | "NOT_MERGEABLE" | "CHECKS_PENDING" };

export interface Merging {
  mergePullRequest(number: number, options: { method: "squash"; commitTitle: string; commitMessage?: string }): Promise<MergeOutcome>;
  /** Asks GitHub to merge once protection is satisfied (GraphQL); false when the repo does not allow it. */
  enableAutoMerge(number: number): Promise<boolean>;
  openRevertPullRequest(input: { mergeCommit: string; base: string; title: string; body: string }): Promise<PullRequestRef & { branch: string }>;
  /** Opens the revert pull request and merges it where protection allows; REVERT_PENDING when it does not. */
  revertMerge(mergeCommit: string, base: string, message: string): Promise<{ commit: string }>;
}

export function createMerging(api: GithubApi, data: GitData, pulls: PullRequests): Merging {
  const { octokit, params, logger } = api;

  async function mergePullRequest(number: number, mergeOptions: { method: "squash"; commitTitle: string; commitMessage?: string }): Promise<MergeOutcome> {
    const pull = await pulls.getPull(number);
    if (pull.merged || pull.merged_at) {
      // A re-run after a crash: the merge already happened.
      return { merged: true, sha: pull.merge_commit_sha ?? pull.head.sha };
    }
    if (pull.state === "closed") return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} is closed without being merged.` };
    if (pull.draft) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} is a draft; a person marks it ready for review first.` };
    if (pull.mergeable === false) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} conflicts with ${pull.base.ref}; the fix must be rebuilt on the current base.` };
    try {
      const result = (await octokit.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", {
        ...params,
        pull_number: number,
        merge_method: mergeOptions.method,
        commit_title: mergeOptions.commitTitle,
        ...(mergeOptions.commitMessage !== undefined ? { commit_message: mergeOptions.commitMessage } : {}),
        // Merge exactly the commit whose checks we looked at; GitHub answers 409 if it moved.
        sha: pull.head.sha,
      })).data;
      return { merged: true, sha: mergeResultSchema.parse(result).sha };
    } catch (error) {
      const status = httpStatus(error);
      if (status !== 405 && status !== 409 && status !== 422) throw toGithubForgeError(error, `merging #${number}`);
      const refusal = githubMessage(error);
      if (status === 409) return { merged: false, code: "NOT_MERGEABLE", reason: `#${number} changed while Suture was merging it (${refusal}).` };
      // Decide from the checks themselves, not from GitHub's wording.
      const checks = await pulls.checksFor(pull.head.sha);
      if (checks.status === "pending") {
        return { merged: false, code: "CHECKS_PENDING", reason: `Checks still running on #${number} (${checks.pending.join(", ")}); GitHub said: ${refusal}` };
      }
      return { merged: false, code: "MERGE_BLOCKED", reason: `Branch protection refused to merge #${number}: ${refusal}` };
    }
  }

  async function enableAutoMerge(number: number): Promise<boolean> {
    const pull = await pulls.getPull(number);
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

  async function openRevertPullRequest(input: { mergeCommit: string; base: string; title: string; body: string }): Promise<PullRequestRef & { branch: string }> {
    const target = await data.requireCommit(input.mergeCommit);
    const branch = revertBranchName(target);
    const open = (await pulls.listOpenPulls(branch))[0];
    if (open) return { number: open.number, url: open.html_url, branch };

    const reverted = await data.treeOfCommit(target);
    const parent = reverted.info.parents[0];
    if (!parent) throw new GithubForgeError("REVERT_CONFLICT", `${target.slice(0, 12)} has no parent; there is nothing to revert it to.`);
    const before = (await data.treeOfCommit(parent)).flat;
    const headCommit = await data.requireCommit(input.base);
    const head = await data.treeOfCommit(headCommit);
    const entries: TreeWrite[] = [];
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
    const tree = await data.createTree(head.info.tree, entries);
    const commit = await data.createCommit(withFinalNewline(`${input.title}\n\nThis reverts commit ${target}.`), tree, [headCommit]);
    await data.setBranch(branch, commit, await data.getBranchHead(branch));
    const pull = await pulls.ensurePullRequest({ branch, base: input.base, title: input.title, body: input.body, labels: [SUTURE_LABEL, "revert"], draft: false });
    return { number: pull.number, url: pull.url, branch };
  }

  async function revertMerge(mergeCommit: string, base: string, message: string): Promise<{ commit: string }> {
    const [title = `Revert ${mergeCommit.slice(0, 12)}`] = message.split("\n");
    const pull = await openRevertPullRequest({ mergeCommit, base, title, body: message });
    const outcome = await mergePullRequest(pull.number, { method: "squash", commitTitle: title });
    if (outcome.merged) return { commit: outcome.sha };
    throw new GithubForgeError("REVERT_PENDING", `The revert is open as #${pull.number} (${pull.url}) but was not merged: ${outcome.reason}`, {
      details: { pullRequest: pull.number, url: pull.url, branch: pull.branch, refusal: outcome.code },
    });
  }

  return { mergePullRequest, enableAutoMerge, openRevertPullRequest, revertMerge };
}
