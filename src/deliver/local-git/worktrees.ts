import { type Git } from "./git-command.ts";
import { parseWorktreeList, type WorktreeEntry } from "./worktree-list.ts";

// Suture's own worktrees (outside the repository: worktree-root.ts), and what
// is checked out where: a branch checked out in some worktree must not be moved behind its back.

export async function worktrees(git: Git): Promise<WorktreeEntry[]> {
  return parseWorktreeList(await git.ok(["worktree", "list", "--porcelain"]));
}

export async function checkedOutIn(git: Git, fullRef: string): Promise<WorktreeEntry | null> {
  return (await worktrees(git)).find((w) => w.branch === fullRef) ?? null;
}

export async function hasLocalChanges(git: Git, worktreePath: string): Promise<boolean> {
  // Untracked files do not block: `merge --ff-only` refuses itself if it would overwrite one.
  const out = await git.ok(["status", "--porcelain", "--untracked-files=no", "--ignore-submodules=none"], { cwd: worktreePath });
  return out.trim().length > 0;
}

export async function newWorktreeDir(git: Git, purpose: string): Promise<string> {
  return `${(await git.repoInfo()).worktreeRoot}/${purpose}-${crypto.randomUUID()}`;
}

export async function removeWorktree(git: Git, dir: string): Promise<void> {
  // Twice --force: also removes a worktree left locked or with a half-done merge. git deletes
  // symlinks in it (a reused node_modules) without following them.
  const result = await git.run(["worktree", "remove", "--force", "--force", dir]);
  if (result.exitCode === 0) return;
  await git.runner.run("rm", ["-rf", "--", dir], { cwd: git.repoDir });
  await git.run(["worktree", "prune"]);
}

/** Runs `work` in a fresh detached worktree at `commit`, removed afterwards whatever happens. */
export async function withWorktree<T>(git: Git, purpose: string, commit: string, checkout: boolean, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await newWorktreeDir(git, purpose);
  try {
    await git.ok(["worktree", "add", "--detach", ...(checkout ? [] : ["--no-checkout"]), dir, commit]);
    return await work(dir);
  } finally {
    await removeWorktree(git, dir);
  }
}

/** Removes every worktree Suture created (after a run). */
export async function removeSutureWorktrees(git: Git): Promise<void> {
  const { worktreeRoot } = await git.repoInfo();
  for (const worktree of await worktrees(git)) {
    if (!worktree.path.startsWith(`${worktreeRoot}/`)) continue;
    await git.runner.run("sh", ["-c", 'test -L "$1/node_modules" && rm -f -- "$1/node_modules"', "sh", worktree.path], { cwd: git.repoDir });
    await removeWorktree(git, worktree.path);
  }
  await git.run(["worktree", "prune"]);
  // Only succeeds when empty; leftovers of a crash stay for a person to look at.
  await git.runner.run("rmdir", [worktreeRoot], { cwd: git.repoDir });
}
