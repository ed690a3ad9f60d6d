import type { FileChange } from "../../fix/file-change.ts";
import type { BranchRequest, BranchResult } from "../forge.ts";
import { LocalGitError } from "./errors.ts";
import { type Git, plausibleRef, withFinalNewline } from "./git-command.ts";
import { checkRepoPath, commitIndex, commitMessage, parentsOf, readBlob, requireCommit, resolveRef, treeEntries, updateRef } from "./git-objects.ts";
import { checkedOutIn, withWorktree } from "./worktrees.ts";

// A fix branch: exactly one commit on base, built from base's tree plus the changed blobs in a
// worktree's own index (the user's checkout, index and working tree are never touched), and
// moved with a compare-and-swap update-ref. Running it again with the same change writes nothing.

interface IndexEntry {
  path: string;
  /** "0" removes the path. */
  mode: string;
  id: string;
}

export async function ensureFixBranch(git: Git, request: BranchRequest): Promise<BranchResult> {
  const branch = await checkBranchName(git, request.branch);
  const changes = checkChanges(request.changes);
  const baseCommit = await requireCommit(git, request.base);
  const entries = await indexEntriesFor(git, baseCommit, changes);
  if (entries.length === 0) throw new LocalGitError("EMPTY_CHANGE", "Every change leaves its file as it is; there is nothing to commit.");

  const fullRef = `refs/heads/${branch}`;
  const existing = await resolveRef(git, fullRef);
  if (existing !== null && (await branchMatches(git, existing, baseCommit, entries, request.message))) {
    return { branch, commit: existing };
  }
  const holder = await checkedOutIn(git, fullRef);
  if (holder !== null) {
    throw new LocalGitError("BRANCH_CHECKED_OUT", `${branch} is checked out in ${holder.path}; switch that worktree to another branch first.`);
  }
  // No checkout needed: the commit is built from base's tree plus the changed blobs, in the
  // worktree's own index. Faster than checking out every file, and exact to the byte.
  const commit = await withWorktree(git, "branch", baseCommit, false, async (dir) => {
    await git.ok(["read-tree", baseCommit], { cwd: dir });
    const indexInfo = entries.map((e) => `${e.mode} ${e.id}\t${e.path}\n`).join("");
    await git.ok(["update-index", "--index-info"], { cwd: dir, input: indexInfo });
    return commitIndex(git, dir, request.message);
  });
  await updateRef(git, fullRef, commit, existing, `fix branch ${branch}`);
  return { branch, commit };
}

async function checkBranchName(git: Git, branch: string): Promise<string> {
  const valid =
    plausibleRef(branch) &&
    !branch.startsWith("refs/") &&
    (await git.run(["check-ref-format", `refs/heads/${branch}`])).exitCode === 0;
  if (!valid) throw new LocalGitError("INVALID_BRANCH_NAME", `${JSON.stringify(branch)} is not a valid branch name; build it with fixBranchName.`);
  return branch;
}

async function indexEntriesFor(git: Git, baseCommit: string, changes: FileChange[]): Promise<IndexEntry[]> {
  const paths = changes.map((c) => c.path);
  const atBase = await treeEntries(git, baseCommit, paths);
  const entries: IndexEntry[] = [];
  for (const change of changes) {
    const current = await readBlob(git, baseCommit, change.path);
    if (current !== change.before) {
      const state = current === null ? "does not exist" : change.before === null ? "already exists" : "has different contents";
      throw new LocalGitError("STALE_BASE", `${change.path} ${state} at ${baseCommit.slice(0, 12)}; regenerate the fix against the current base.`);
    }
    if (change.before === change.after) continue;
    if (change.after === null) {
      entries.push({ path: change.path, mode: "0", id: "0".repeat(baseCommit.length) });
      continue;
    }
    // --no-filters: the commit gets exactly these bytes, whatever autocrlf or filters say.
    const id = (await git.ok(["hash-object", "-w", "--no-filters", "--stdin"], { input: change.after })).trim();
    entries.push({ path: change.path, mode: atBase.get(change.path)?.mode ?? "100644", id });
  }
  return entries;
}

/** Whether an existing fix branch is already exactly what this request would build. */
async function branchMatches(git: Git, existing: string, baseCommit: string, entries: IndexEntry[], message: string): Promise<boolean> {
  const parents = await parentsOf(git, existing);
  if (parents.length !== 1 || parents[0] !== baseCommit) return false;
  if ((await commitMessage(git, existing)) !== withFinalNewline(message)) return false;
  const changed = (await git.ok(["diff-tree", "-r", "-z", "--no-renames", "--name-only", baseCommit, existing]))
    .split("\0")
    .filter((p) => p.length > 0);
  if (changed.length !== entries.length || !entries.every((e) => changed.includes(e.path))) return false;
  const atBranch = await treeEntries(git, existing, entries.map((e) => e.path));
  return entries.every((e) => (e.mode === "0" ? !atBranch.has(e.path) : atBranch.get(e.path)?.id === e.id && atBranch.get(e.path)?.mode === e.mode));
}

function checkChanges(changes: FileChange[]): FileChange[] {
  const seen = new Set<string>();
  for (const change of changes) {
    checkRepoPath(change.path);
    if (seen.has(change.path)) throw new LocalGitError("INVALID_PATH", `${change.path} is listed twice; merge its changes into one.`);
    seen.add(change.path);
  }
  return changes;
}
