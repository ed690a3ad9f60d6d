import { LocalGitError } from "./errors.ts";
import { type Git, plausibleRef, stderrTail } from "./git-command.ts";
import { commitIndex, isAncestor, parentsOf, requireCommit, resolveRef, updateRef } from "./git-objects.ts";
import type { WorktreeEntry } from "./worktree-list.ts";
import { checkedOutIn, hasLocalChanges, withWorktree } from "./worktrees.ts";

// Merging a fix branch into the base branch and reverting a merged commit there, each built in a
// worktree of its own. The one time Suture moves a branch the user may have checked out; see
// advanceBase for how their files are kept safe.

export async function mergeBranch(git: Git, branch: string, base: string, message: string): Promise<{ commit: string }> {
  const target = await requireLocalBranch(git, base);
  const branchCommit = await requireCommit(git, branch);
  if (await isAncestor(git, branchCommit, target.head)) {
    // Already merged (a re-run after a crash): report the merge that brought it in.
    return { commit: (await existingMergeOf(git, branchCommit, target.head)) ?? target.head };
  }
  const holder = await refuseDirtyCheckout(git, target.fullRef);
  const commit = await withWorktree(git, "merge", target.head, true, async (dir) => {
    const result = await git.run(["merge", "--no-ff", "--no-commit", branchCommit], { cwd: dir });
    if (result.exitCode !== 0) {
      throw new LocalGitError("MERGE_CONFLICT", `${branch} does not merge cleanly into ${base}; regenerate the fix on the current ${base}. ${stderrTail(result)}`);
    }
    return commitIndex(git, dir, message);
  });
  await advanceBase(git, target.fullRef, target.head, commit, holder, `merge ${branch}`);
  return { commit };
}

export async function revertCommit(git: Git, commit: string, base: string, message: string): Promise<{ commit: string }> {
  const target = await requireLocalBranch(git, base);
  const reverted = await requireCommit(git, commit);
  if (!(await isAncestor(git, reverted, target.head))) {
    throw new LocalGitError("NOT_ON_BASE", `${commit} is not on ${base}; there is nothing to revert there.`);
  }
  const mainline = (await parentsOf(git, reverted)).length > 1 ? ["-m", "1"] : [];
  const holder = await refuseDirtyCheckout(git, target.fullRef);
  const revertCommitId = await withWorktree(git, "revert", target.head, true, async (dir) => {
    const result = await git.run(["revert", "--no-commit", ...mainline, reverted], { cwd: dir });
    if (result.exitCode !== 0) {
      throw new LocalGitError("REVERT_CONFLICT", `Reverting ${reverted.slice(0, 12)} conflicts with later changes on ${base}; revert it by hand. ${stderrTail(result)}`);
    }
    if ((await git.run(["diff", "--cached", "--quiet"], { cwd: dir })).exitCode === 0) {
      throw new LocalGitError("NOTHING_TO_REVERT", `${base} no longer contains the changes of ${reverted.slice(0, 12)}.`);
    }
    return commitIndex(git, dir, message);
  });
  await advanceBase(git, target.fullRef, target.head, revertCommitId, holder, `revert ${reverted.slice(0, 12)}`);
  return { commit: revertCommitId };
}

async function requireLocalBranch(git: Git, base: string): Promise<{ fullRef: string; head: string }> {
  const name = base.startsWith("refs/heads/") ? base.slice("refs/heads/".length) : base;
  const fullRef = `refs/heads/${name}`;
  const head = plausibleRef(name) ? await resolveRef(git, fullRef) : null;
  if (head !== null) return { fullRef, head };
  if ((await resolveRef(git, base)) !== null) {
    throw new LocalGitError("BASE_NOT_A_BRANCH", `${JSON.stringify(base)} is not a local branch; merge and revert need the base branch's name.`);
  }
  throw new LocalGitError("UNKNOWN_REF", `${JSON.stringify(base)} is not a branch of ${git.repoDir}.`);
}

async function refuseDirtyCheckout(git: Git, fullRef: string): Promise<WorktreeEntry | null> {
  const holder = await checkedOutIn(git, fullRef);
  if (holder !== null && (await hasLocalChanges(git, holder.path))) {
    throw new LocalGitError(
      "BASE_CHECKED_OUT_DIRTY",
      `${fullRef.slice("refs/heads/".length)} is checked out in ${holder.path} with uncommitted changes; Suture leaves it alone. Commit or stash them, or merge the fix branch yourself.`,
    );
  }
  return holder;
}

/**
 * Moves the base branch from `previous` to `next` (a descendant of it).
 *
 * Not checked out anywhere: a compare-and-swap update-ref, nothing else is touched.
 * Checked out in a worktree (usually the user's): moving only the ref would leave their index
 * and files at the old commit, so that everything looks modified. We therefore only proceed when
 * that worktree has no local changes, and then fast-forward it with `git merge --ff-only`, which
 * updates ref, index and files together and itself refuses to overwrite anything uncommitted
 * (including untracked files) that appeared since our check. A dirty tree is refused with
 * BASE_CHECKED_OUT_DIRTY, and the caller keeps the fix as proposed.
 */
async function advanceBase(git: Git, fullRef: string, previous: string, next: string, holder: WorktreeEntry | null, reason: string): Promise<void> {
  if (holder === null) {
    await updateRef(git, fullRef, next, previous, reason);
    return;
  }
  if ((await resolveRef(git, fullRef)) !== previous) {
    throw new LocalGitError("REF_MOVED", `${fullRef} moved while Suture was working; run again.`);
  }
  const result = await git.run(["merge", "--ff-only", "--quiet", next], { cwd: holder.path });
  if (result.exitCode === 0) return;
  if ((await resolveRef(git, fullRef)) !== previous) {
    throw new LocalGitError("REF_MOVED", `${fullRef} moved while Suture was working; run again.`);
  }
  throw new LocalGitError(
    "BASE_CHECKED_OUT_DIRTY",
    `Fast-forwarding ${holder.path} would overwrite local files; Suture left it alone. ${stderrTail(result)}`,
  );
}

async function existingMergeOf(git: Git, branchCommit: string, baseHead: string): Promise<string | null> {
  const out = await git.ok(["rev-list", "--merges", "--parents", "--ancestry-path", `${branchCommit}..${baseHead}`]);
  const merges = out.trim().split("\n").filter((l) => l.length > 0).map((l) => l.split(" "));
  const merge = merges.reverse().find((ids) => ids.slice(1).includes(branchCommit));
  return merge?.[0] ?? null;
}
