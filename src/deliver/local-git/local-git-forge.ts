import type { FileChange } from "../../fix/file-change.ts";
import type { BranchRequest, BranchResult, Forge, ValidationResult } from "../forge.ts";
import { repoPathProblem } from "../repo-path.ts";
import type { CommandResult, CommandRunner } from "../../core/command-runner.ts";
import { chooseDependencySetup, LOCKFILES, type Lockfile } from "./dependency-setup.ts";
import { LocalGitError } from "./errors.ts";
import { outputTail } from "./output-tail.ts";
import { parseWorktreeList, type WorktreeEntry } from "./worktree-list.ts";

// The Forge for a repository on this machine.
//
// The promise to the user: their checked-out branch, index and working tree are never touched,
// dirty or not. Everything Suture builds happens in its own `git worktree` (under .git, so it
// never shows up in the user's `git status`), and branches are moved with compare-and-swap
// `git update-ref`. The one exception is merge/revert into a base branch that the user has
// checked out: see advanceBase.

export interface LocalGitForgeOptions {
  repoDir: string;
  runner: CommandRunner;
  /** Where Suture's temporary worktrees go. Default: <git common dir>/suture-worktrees. */
  worktreeRoot?: string;
  author?: { name: string; email: string };
  /** Install command per lockfile, run in the validation worktree when the lockfile changed. */
  installCommands?: Partial<Record<Lockfile, string>>;
  /** Limit for each git invocation. Default 2 minutes. */
  gitTimeoutMs?: number;
}

export interface ValidateOptions {
  /** For the install and for the test command, each. Default 5 minutes. */
  timeoutMs?: number;
}

export type LocalGitForge = Forge & {
  /**
   * Run the repo's test command in a worktree of `branch`; reuse the repo's node_modules (symlink)
   * when the lockfile is unchanged between base and branch, else run the matching install in the
   * worktree first.
   */
  validate(branch: string, base: string, command: string, options?: ValidateOptions): Promise<ValidationResult>;
  /** Remove worktrees Suture created (after a run). */
  cleanup(): Promise<void>;
};

const DEFAULT_AUTHOR = { name: "Suture", email: "suture@localhost" };
const DEFAULT_VALIDATION_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_GIT_TIMEOUT_MS = 2 * 60_000;
/** Plenty for source files; a bigger file is not something Suture patches or reads whole. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
const MAX_GIT_OUTPUT_BYTES = 1024 * 1024;
const TEST_OUTPUT_BYTES = 64 * 1024;

/**
 * Per-invocation config so the user's hooks, signing setup, fsmonitor daemon or auto-gc never run
 * on Suture's behalf (a pre-commit hook could prompt, fail, or rewrite the fix).
 */
const GIT_CONFIG = [
  "-c", "core.hooksPath=/dev/null",
  "-c", "commit.gpgsign=false",
  "-c", "tag.gpgsign=false",
  "-c", "core.fsmonitor=false",
  "-c", "gc.auto=0",
  "-c", "maintenance.auto=false",
  "-c", "advice.detachedHead=false",
  // A fast-forward of the user's checkout must never stash (and so touch) their changes.
  "-c", "merge.autoStash=false",
];

/**
 * Inherited variables that would point git at another repository or index (set, for example,
 * when Suture is started from inside a git hook). Also cleared for the test command.
 */
const GIT_LOCATION_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
];

interface RepoInfo {
  topLevel: string;
  worktreeRoot: string;
}

interface IndexEntry {
  path: string;
  /** "0" removes the path. */
  mode: string;
  id: string;
}

export function createLocalGitForge(options: LocalGitForgeOptions): LocalGitForge {
  const { runner, repoDir } = options;
  const author = options.author ?? DEFAULT_AUTHOR;
  const gitTimeoutMs = options.gitTimeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;
  const gitEnv: Record<string, string> = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
    GIT_TERMINAL_PROMPT: "0",
    GIT_EDITOR: "true",
    GIT_SEQUENCE_EDITOR: "true",
    GIT_PAGER: "cat",
    // `git status` would otherwise refresh and rewrite the user's index file while we only look.
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
  };
  // Per forge, not per module: isolates are reused across projects.
  let repoInfoPromise: Promise<RepoInfo> | undefined;

  function git(args: string[], opts: { cwd?: string; input?: string; maxOutputBytes?: number } = {}): Promise<CommandResult> {
    return runner.run("git", [...GIT_CONFIG, ...args], {
      cwd: opts.cwd ?? repoDir,
      env: gitEnv,
      unsetEnv: GIT_LOCATION_VARIABLES,
      timeoutMs: gitTimeoutMs,
      input: opts.input,
      maxOutputBytes: opts.maxOutputBytes ?? MAX_GIT_OUTPUT_BYTES,
    });
  }

  async function gitOk(args: string[], opts: { cwd?: string; input?: string; maxOutputBytes?: number } = {}): Promise<string> {
    const result = await git(args, opts);
    if (result.exitCode !== 0) throw gitFailure(args, result);
    return result.stdout;
  }

  function repoInfo(): Promise<RepoInfo> {
    repoInfoPromise ??= (async () => {
      const out = await gitOk(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-common-dir"]);
      const [topLevel, commonDir] = out.split("\n");
      if (!topLevel || !commonDir) {
        throw new LocalGitError("GIT_FAILED", `${repoDir} has no working tree; point Suture at a non-bare repository.`);
      }
      return { topLevel, worktreeRoot: stripTrailingSlash(options.worktreeRoot ?? `${commonDir}/suture-worktrees`) };
    })();
    repoInfoPromise.catch(() => {
      repoInfoPromise = undefined;
    });
    return repoInfoPromise;
  }

  async function resolveRef(ref: string): Promise<string | null> {
    if (!plausibleRef(ref)) return null;
    const result = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (result.exitCode !== 0) return null;
    return result.stdout.trim() || null;
  }

  async function requireCommit(ref: string): Promise<string> {
    const commit = await resolveRef(ref);
    if (commit === null) throw new LocalGitError("UNKNOWN_REF", `${JSON.stringify(ref)} is not a commit or branch of ${repoDir}.`);
    return commit;
  }

  /** Contents of a blob at a commit id (not a ref: `<id>:<path>` cannot be misparsed). */
  async function readBlob(commit: string, path: string): Promise<string | null> {
    const result = await git(["cat-file", "blob", `${commit}:${path}`], { maxOutputBytes: MAX_FILE_BYTES });
    if (result.exitCode !== 0) return null;
    if (result.truncated) throw new LocalGitError("FILE_TOO_LARGE", `${path} is larger than ${MAX_FILE_BYTES} bytes.`);
    return result.stdout;
  }

  async function readFile(path: string, ref: string): Promise<string | null> {
    checkRepoPath(path);
    return readBlob(await requireCommit(ref), path);
  }

  async function listFiles(ref: string): Promise<string[]> {
    const commit = await requireCommit(ref);
    const result = await git(["ls-tree", "-r", "-z", "--full-tree", "--name-only", commit], { maxOutputBytes: MAX_LISTING_BYTES });
    if (result.exitCode !== 0) throw gitFailure(["ls-tree"], result);
    if (result.truncated) throw new LocalGitError("FILE_TOO_LARGE", `The file list of ${ref} is larger than ${MAX_LISTING_BYTES} bytes.`);
    return result.stdout.split("\0").filter((p) => p.length > 0);
  }

  /** Path → { mode, id } for the given paths at a commit (absent paths are missing). */
  async function treeEntries(commit: string, paths: string[]): Promise<Map<string, { mode: string; id: string }>> {
    const entries = new Map<string, { mode: string; id: string }>();
    if (paths.length === 0) return entries;
    const out = await gitOk(["ls-tree", "-z", "--full-tree", commit, "--", ...paths.map(literalPathspec)]);
    for (const record of out.split("\0")) {
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const [mode, , id] = record.slice(0, tab).split(" ");
      entries.set(record.slice(tab + 1), { mode, id });
    }
    return entries;
  }

  async function checkBranchName(branch: string): Promise<string> {
    const valid =
      plausibleRef(branch) &&
      !branch.startsWith("refs/") &&
      (await git(["check-ref-format", `refs/heads/${branch}`])).exitCode === 0;
    if (!valid) throw new LocalGitError("INVALID_BRANCH_NAME", `${JSON.stringify(branch)} is not a valid branch name; build it with fixBranchName.`);
    return branch;
  }

  async function worktrees(): Promise<WorktreeEntry[]> {
    return parseWorktreeList(await gitOk(["worktree", "list", "--porcelain"]));
  }

  async function checkedOutIn(fullRef: string): Promise<WorktreeEntry | null> {
    return (await worktrees()).find((w) => w.branch === fullRef) ?? null;
  }

  async function hasLocalChanges(worktreePath: string): Promise<boolean> {
    // Untracked files do not block: `merge --ff-only` refuses itself if it would overwrite one.
    const out = await gitOk(["status", "--porcelain", "--untracked-files=no", "--ignore-submodules=none"], { cwd: worktreePath });
    return out.trim().length > 0;
  }

  async function isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await git(["merge-base", "--is-ancestor", ancestor, descendant]);
    if (result.exitCode === 0) return true;
    if (result.exitCode === 1) return false;
    throw gitFailure(["merge-base"], result);
  }

  async function parentsOf(commit: string): Promise<string[]> {
    const out = await gitOk(["rev-list", "--parents", "-n", "1", commit]);
    return out.trim().split(" ").slice(1);
  }

  async function commitMessage(commit: string): Promise<string> {
    const raw = await gitOk(["cat-file", "commit", commit]);
    const split = raw.indexOf("\n\n");
    return split < 0 ? "" : raw.slice(split + 2);
  }

  async function newWorktreeDir(purpose: string): Promise<string> {
    return `${(await repoInfo()).worktreeRoot}/${purpose}-${crypto.randomUUID()}`;
  }

  async function removeWorktree(dir: string): Promise<void> {
    // Twice --force: also removes a worktree left locked or with a half-done merge. git deletes
    // symlinks in it (a reused node_modules) without following them.
    const result = await git(["worktree", "remove", "--force", "--force", dir]);
    if (result.exitCode === 0) return;
    await runner.run("rm", ["-rf", "--", dir], { cwd: repoDir });
    await git(["worktree", "prune"]);
  }

  async function withWorktree<T>(purpose: string, commit: string, checkout: boolean, work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await newWorktreeDir(purpose);
    try {
      await gitOk(["worktree", "add", "--detach", ...(checkout ? [] : ["--no-checkout"]), dir, commit]);
      return await work(dir);
    } finally {
      await removeWorktree(dir);
    }
  }

  async function updateRef(fullRef: string, next: string, previous: string | null, reason: string): Promise<void> {
    const result = await git(["update-ref", "-m", `suture: ${reason}`, fullRef, next, previous ?? ""]);
    if (result.exitCode !== 0) {
      throw new LocalGitError("REF_MOVED", `${fullRef} changed while Suture was updating it; run again. ${stderrTail(result)}`);
    }
  }

  async function commitIndex(dir: string, message: string): Promise<string> {
    await gitOk(["commit", "--no-verify", "--cleanup=verbatim", "--quiet", "-F", "-"], { cwd: dir, input: withFinalNewline(message) });
    return (await gitOk(["rev-parse", "HEAD"], { cwd: dir })).trim();
  }

  async function indexEntriesFor(baseCommit: string, changes: FileChange[]): Promise<IndexEntry[]> {
    const paths = changes.map((c) => c.path);
    const atBase = await treeEntries(baseCommit, paths);
    const entries: IndexEntry[] = [];
    for (const change of changes) {
      const current = await readBlob(baseCommit, change.path);
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
      const id = (await gitOk(["hash-object", "-w", "--no-filters", "--stdin"], { input: change.after })).trim();
      entries.push({ path: change.path, mode: atBase.get(change.path)?.mode ?? "100644", id });
    }
    return entries;
  }

  /** Whether an existing fix branch is already exactly what this request would build. */
  async function branchMatches(existing: string, baseCommit: string, entries: IndexEntry[], message: string): Promise<boolean> {
    const parents = await parentsOf(existing);
    if (parents.length !== 1 || parents[0] !== baseCommit) return false;
    if ((await commitMessage(existing)) !== withFinalNewline(message)) return false;
    const changed = (await gitOk(["diff-tree", "-r", "-z", "--no-renames", "--name-only", baseCommit, existing]))
      .split("\0")
      .filter((p) => p.length > 0);
    if (changed.length !== entries.length || !entries.every((e) => changed.includes(e.path))) return false;
    const atBranch = await treeEntries(existing, entries.map((e) => e.path));
    return entries.every((e) => (e.mode === "0" ? !atBranch.has(e.path) : atBranch.get(e.path)?.id === e.id && atBranch.get(e.path)?.mode === e.mode));
  }

  async function ensureBranch(request: BranchRequest): Promise<BranchResult> {
    const branch = await checkBranchName(request.branch);
    const changes = checkChanges(request.changes);
    const baseCommit = await requireCommit(request.base);
    const entries = await indexEntriesFor(baseCommit, changes);
    if (entries.length === 0) throw new LocalGitError("EMPTY_CHANGE", "Every change leaves its file as it is; there is nothing to commit.");

    const fullRef = `refs/heads/${branch}`;
    const existing = await resolveRef(fullRef);
    if (existing !== null && (await branchMatches(existing, baseCommit, entries, request.message))) {
      return { branch, commit: existing };
    }
    const holder = await checkedOutIn(fullRef);
    if (holder !== null) {
      throw new LocalGitError("BRANCH_CHECKED_OUT", `${branch} is checked out in ${holder.path}; switch that worktree to another branch first.`);
    }
    // No checkout needed: the commit is built from base's tree plus the changed blobs, in the
    // worktree's own index. Faster than checking out every file, and exact to the byte.
    const commit = await withWorktree("branch", baseCommit, false, async (dir) => {
      await gitOk(["read-tree", baseCommit], { cwd: dir });
      const indexInfo = entries.map((e) => `${e.mode} ${e.id}\t${e.path}\n`).join("");
      await gitOk(["update-index", "--index-info"], { cwd: dir, input: indexInfo });
      return commitIndex(dir, request.message);
    });
    await updateRef(fullRef, commit, existing, `fix branch ${branch}`);
    return { branch, commit };
  }

  async function requireLocalBranch(base: string): Promise<{ fullRef: string; head: string }> {
    const name = base.startsWith("refs/heads/") ? base.slice("refs/heads/".length) : base;
    const fullRef = `refs/heads/${name}`;
    const head = plausibleRef(name) ? await resolveRef(fullRef) : null;
    if (head !== null) return { fullRef, head };
    if ((await resolveRef(base)) !== null) {
      throw new LocalGitError("BASE_NOT_A_BRANCH", `${JSON.stringify(base)} is not a local branch; merge and revert need the base branch's name.`);
    }
    throw new LocalGitError("UNKNOWN_REF", `${JSON.stringify(base)} is not a branch of ${repoDir}.`);
  }

  async function refuseDirtyCheckout(fullRef: string): Promise<WorktreeEntry | null> {
    const holder = await checkedOutIn(fullRef);
    if (holder !== null && (await hasLocalChanges(holder.path))) {
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
  async function advanceBase(fullRef: string, previous: string, next: string, holder: WorktreeEntry | null, reason: string): Promise<void> {
    if (holder === null) {
      await updateRef(fullRef, next, previous, reason);
      return;
    }
    if ((await resolveRef(fullRef)) !== previous) {
      throw new LocalGitError("REF_MOVED", `${fullRef} moved while Suture was working; run again.`);
    }
    const result = await git(["merge", "--ff-only", "--quiet", next], { cwd: holder.path });
    if (result.exitCode === 0) return;
    if ((await resolveRef(fullRef)) !== previous) {
      throw new LocalGitError("REF_MOVED", `${fullRef} moved while Suture was working; run again.`);
    }
    throw new LocalGitError(
      "BASE_CHECKED_OUT_DIRTY",
      `Fast-forwarding ${holder.path} would overwrite local files; Suture left it alone. ${stderrTail(result)}`,
    );
  }

  async function existingMergeOf(branchCommit: string, baseHead: string): Promise<string | null> {
    const out = await gitOk(["rev-list", "--merges", "--parents", "--ancestry-path", `${branchCommit}..${baseHead}`]);
    const merges = out.trim().split("\n").filter((l) => l.length > 0).map((l) => l.split(" "));
    const merge = merges.reverse().find((ids) => ids.slice(1).includes(branchCommit));
    return merge?.[0] ?? null;
  }

  async function merge(branch: string, base: string, message: string): Promise<{ commit: string }> {
    const target = await requireLocalBranch(base);
    const branchCommit = await requireCommit(branch);
    if (await isAncestor(branchCommit, target.head)) {
      // Already merged (a re-run after a crash): report the merge that brought it in.
      return { commit: (await existingMergeOf(branchCommit, target.head)) ?? target.head };
    }
    const holder = await refuseDirtyCheckout(target.fullRef);
    const commit = await withWorktree("merge", target.head, true, async (dir) => {
      const result = await git(["merge", "--no-ff", "--no-commit", branchCommit], { cwd: dir });
      if (result.exitCode !== 0) {
        throw new LocalGitError("MERGE_CONFLICT", `${branch} does not merge cleanly into ${base}; regenerate the fix on the current ${base}. ${stderrTail(result)}`);
      }
      return commitIndex(dir, message);
    });
    await advanceBase(target.fullRef, target.head, commit, holder, `merge ${branch}`);
    return { commit };
  }

  async function revert(commit: string, base: string, message: string): Promise<{ commit: string }> {
    const target = await requireLocalBranch(base);
    const reverted = await requireCommit(commit);
    if (!(await isAncestor(reverted, target.head))) {
      throw new LocalGitError("NOT_ON_BASE", `${commit} is not on ${base}; there is nothing to revert there.`);
    }
    const mainline = (await parentsOf(reverted)).length > 1 ? ["-m", "1"] : [];
    const holder = await refuseDirtyCheckout(target.fullRef);
    const revertCommit = await withWorktree("revert", target.head, true, async (dir) => {
      const result = await git(["revert", "--no-commit", ...mainline, reverted], { cwd: dir });
      if (result.exitCode !== 0) {
        throw new LocalGitError("REVERT_CONFLICT", `Reverting ${reverted.slice(0, 12)} conflicts with later changes on ${base}; revert it by hand. ${stderrTail(result)}`);
      }
      if ((await git(["diff", "--cached", "--quiet"], { cwd: dir })).exitCode === 0) {
        throw new LocalGitError("NOTHING_TO_REVERT", `${base} no longer contains the changes of ${reverted.slice(0, 12)}.`);
      }
      return commitIndex(dir, message);
    });
    await advanceBase(target.fullRef, target.head, revertCommit, holder, `revert ${reverted.slice(0, 12)}`);
    return { commit: revertCommit };
  }

  async function lockfileIds(commit: string): Promise<Partial<Record<Lockfile, string>>> {
    const entries = await treeEntries(commit, [...LOCKFILES]);
    const ids: Partial<Record<Lockfile, string>> = {};
    for (const name of LOCKFILES) {
      const entry = entries.get(name);
      if (entry) ids[name] = entry.id;
    }
    return ids;
  }

  async function pathExists(path: string): Promise<boolean> {
    const result = await runner.run("sh", ["-c", 'test -e "$1" || test -L "$1"', "sh", path], { cwd: repoDir });
    return result.exitCode === 0;
  }

  function runShell(command: string, cwd: string, timeoutMs: number): Promise<CommandResult> {
    // One stream, interleaved as the user would see it in a terminal.
    return runner.run("sh", ["-c", `exec 2>&1\n${command}`], {
      cwd,
      env: { CI: "true" },
      unsetEnv: GIT_LOCATION_VARIABLES,
      timeoutMs,
      maxOutputBytes: TEST_OUTPUT_BYTES,
    });
  }

  async function validate(branch: string, base: string, command: string, validateOptions: ValidateOptions = {}): Promise<ValidationResult> {
    const timeoutMs = validateOptions.timeoutMs ?? DEFAULT_VALIDATION_TIMEOUT_MS;
    const branchCommit = await requireCommit(branch);
    const baseCommit = await requireCommit(base);
    const { topLevel } = await repoInfo();
    const dir = await newWorktreeDir("validate");
    let linked = false;
    try {
      await gitOk(["worktree", "add", "--detach", dir, branchCommit]);
      const repoModules = `${topLevel}/node_modules`;
      const setup = chooseDependencySetup({
        branchLockfiles: await lockfileIds(branchCommit),
        baseLockfiles: await lockfileIds(baseCommit),
        repoHasNodeModules: await pathExists(repoModules),
        installCommands: options.installCommands,
      });
      let installMs = 0;
      if (setup.kind === "reuse" && !(await pathExists(`${dir}/node_modules`))) {
        const link = await runner.run("ln", ["-s", repoModules, `${dir}/node_modules`], { cwd: dir });
        linked = link.exitCode === 0;
      }
      if (setup.kind === "install") {
        const install = await runShell(setup.command, dir, timeoutMs);
        installMs = install.durationMs;
        if (install.exitCode !== 0 || install.timedOut) {
          const note = install.timedOut ? `\n[suture: install timed out after ${timeoutMs} ms]` : "";
          return {
            command,
            passed: false,
            exitCode: install.exitCode,
            durationMs: installMs,
            outputTail: outputTail(`[suture: ${setup.reason}; \`${setup.command}\` failed]\n${withoutFinalNewline(install.stdout)}${note}`),
          };
        }
      }
      const run = await runShell(command, dir, timeoutMs);
      const note = run.timedOut ? `\n[suture: timed out after ${timeoutMs} ms]` : "";
      return {
        command,
        passed: run.exitCode === 0 && !run.timedOut,
        exitCode: run.exitCode,
        durationMs: installMs + run.durationMs,
        outputTail: outputTail(`${withoutFinalNewline(run.stdout)}${note}`),
      };
    } finally {
      // Unlink our symlink first so nothing that cleans the worktree can reach the user's modules.
      if (linked) await runner.run("rm", ["-f", "--", `${dir}/node_modules`], { cwd: repoDir });
      await removeWorktree(dir);
    }
  }

  async function cleanup(): Promise<void> {
    const { worktreeRoot } = await repoInfo();
    for (const worktree of await worktrees()) {
      if (!worktree.path.startsWith(`${worktreeRoot}/`)) continue;
      await runner.run("sh", ["-c", 'test -L "$1/node_modules" && rm -f -- "$1/node_modules"', "sh", worktree.path], { cwd: repoDir });
      await removeWorktree(worktree.path);
    }
    await git(["worktree", "prune"]);
    // Only succeeds when empty; leftovers of a crash stay for a person to look at.
    await runner.run("rmdir", [worktreeRoot], { cwd: repoDir });
  }

  return { kind: "local-git", resolveRef, readFile, listFiles, ensureBranch, merge, revert, validate, cleanup };
}

/** True when `dir` is the top level of a git working tree (not a bare repo, not a subfolder). */
export async function isGitRepository(dir: string, runner: CommandRunner): Promise<boolean> {
  try {
    const result = await runner.run("git", ["rev-parse", "--is-inside-work-tree", "--show-cdup"], {
      cwd: dir,
      env: { GIT_OPTIONAL_LOCKS: "0" },
      unsetEnv: GIT_LOCATION_VARIABLES,
      timeoutMs: 30_000,
    });
    const [inside, cdup] = result.stdout.split("\n");
    return result.exitCode === 0 && inside === "true" && cdup === "";
  } catch {
    return false;
  }
}

function checkRepoPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new LocalGitError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: ${problem}.`);
  return path;
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

/** Refs from callers never start with "-" (option injection) or carry whitespace. */
function plausibleRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= 1_024 && !ref.startsWith("-") && !/[\s\p{Cc}]/u.test(ref);
}

/** ls-tree pathspecs: match the name literally, even if it contains `*` or `:`. */
function literalPathspec(path: string): string {
  return `:(literal)${path}`;
}

function withFinalNewline(message: string): string {
  return message.endsWith("\n") ? message : `${message}\n`;
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

function stderrTail(result: CommandResult): string {
  const text = (result.stderr || result.stdout).trim();
  return text.length > 500 ? `…${text.slice(-500)}` : text;
}

function gitFailure(args: string[], result: CommandResult): LocalGitError {
  const what = result.timedOut ? "timed out" : `failed (exit ${result.exitCode})`;
  return new LocalGitError("GIT_FAILED", `git ${args[0] ?? ""} ${what}: ${stderrTail(result)}`);
}
