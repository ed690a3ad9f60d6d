import { repoPathProblem } from "../../core/repo-path.ts";
import { LocalGitError } from "./errors.ts";
import { type Git, gitFailure, literalPathspec, plausibleRef, stderrTail, withFinalNewline } from "./git-command.ts";

// Reading commits, trees and files by id, and the two writes everything else builds on: a commit
// of a worktree's index, and a compare-and-swap ref update.

/** Plenty for source files; a bigger file is not something Suture patches or reads whole. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export async function resolveRef(git: Git, ref: string): Promise<string | null> {
  if (!plausibleRef(ref)) return null;
  const result = await git.run(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (result.exitCode !== 0) return null;
  return result.stdout.trim() || null;
}

export async function requireCommit(git: Git, ref: string): Promise<string> {
  const commit = await resolveRef(git, ref);
  if (commit === null) throw new LocalGitError("UNKNOWN_REF", `${JSON.stringify(ref)} is not a commit or branch of ${git.repoDir}.`);
  return commit;
}

/** Contents of a blob at a commit id (not a ref: `<id>:<path>` cannot be misparsed). */
export async function readBlob(git: Git, commit: string, path: string): Promise<string | null> {
  const result = await git.run(["cat-file", "blob", `${commit}:${path}`], { maxOutputBytes: MAX_FILE_BYTES });
  if (result.exitCode !== 0) return null;
  if (result.truncated) throw new LocalGitError("FILE_TOO_LARGE", `${path} is larger than ${MAX_FILE_BYTES} bytes.`);
  return result.stdout;
}

export async function readFile(git: Git, path: string, ref: string): Promise<string | null> {
  checkRepoPath(path);
  return readBlob(git, await requireCommit(git, ref), path);
}

export async function listFiles(git: Git, ref: string): Promise<string[]> {
  const commit = await requireCommit(git, ref);
  const result = await git.run(["ls-tree", "-r", "-z", "--full-tree", "--name-only", commit], { maxOutputBytes: MAX_LISTING_BYTES });
  if (result.exitCode !== 0) throw gitFailure(["ls-tree"], result);
  if (result.truncated) throw new LocalGitError("FILE_TOO_LARGE", `The file list of ${ref} is larger than ${MAX_LISTING_BYTES} bytes.`);
  return result.stdout.split("\0").filter((p) => p.length > 0);
}

/** Path → { mode, id } for the given paths at a commit (absent paths are missing). */
export async function treeEntries(git: Git, commit: string, paths: string[]): Promise<Map<string, { mode: string; id: string }>> {
  const entries = new Map<string, { mode: string; id: string }>();
  if (paths.length === 0) return entries;
  const out = await git.ok(["ls-tree", "-z", "--full-tree", commit, "--", ...paths.map(literalPathspec)]);
  for (const record of out.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, , id] = record.slice(0, tab).split(" ");
    entries.set(record.slice(tab + 1), { mode, id });
  }
  return entries;
}

export async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  const result = await git.run(["merge-base", "--is-ancestor", ancestor, descendant]);
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw gitFailure(["merge-base"], result);
}

export async function parentsOf(git: Git, commit: string): Promise<string[]> {
  const out = await git.ok(["rev-list", "--parents", "-n", "1", commit]);
  return out.trim().split(" ").slice(1);
}

export async function commitMessage(git: Git, commit: string): Promise<string> {
  const raw = await git.ok(["cat-file", "commit", commit]);
  const split = raw.indexOf("\n\n");
  return split < 0 ? "" : raw.slice(split + 2);
}

/** Moves a ref from `previous` (null: it must not exist) to `next`, or REF_MOVED. */
export async function updateRef(git: Git, fullRef: string, next: string, previous: string | null, reason: string): Promise<void> {
  const result = await git.run(["update-ref", "-m", `suture: ${reason}`, fullRef, next, previous ?? ""]);
  if (result.exitCode !== 0) {
    throw new LocalGitError("REF_MOVED", `${fullRef} changed while Suture was updating it; run again. ${stderrTail(result)}`);
  }
}

/** Commits a worktree's index with exactly this message; returns the commit id. */
export async function commitIndex(git: Git, dir: string, message: string): Promise<string> {
  await git.ok(["commit", "--no-verify", "--cleanup=verbatim", "--quiet", "-F", "-"], { cwd: dir, input: withFinalNewline(message) });
  return (await git.ok(["rev-parse", "HEAD"], { cwd: dir })).trim();
}

export function checkRepoPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new LocalGitError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: ${problem}.`);
  return path;
}
