import type { CommandResult, CommandRunner } from "../../core/command-runner.ts";
import { defaultWorktreeRoot } from "./worktree-root.ts";
import { LocalGitError } from "./errors.ts";

// How the local-git forge runs git: against one repository, with Suture's identity, never with
// the user's hooks, signing, fsmonitor or auto-gc, and never pointed elsewhere by inherited
// variables. Every other local-git module goes through this.

export interface GitCommandOptions {
  repoDir: string;
  runner: CommandRunner;
  /** Where Suture's temporary worktrees go. Default: defaultWorktreeRoot (outside the repository). */
  worktreeRoot?: string;
  author?: { name: string; email: string };
  /** Limit for each git invocation. Default 2 minutes. */
  gitTimeoutMs?: number;
}

export interface RepoInfo {
  topLevel: string;
  worktreeRoot: string;
}

export interface GitRunOptions {
  cwd?: string;
  input?: string;
  maxOutputBytes?: number;
}

export interface Git {
  readonly repoDir: string;
  readonly runner: CommandRunner;
  run(args: string[], options?: GitRunOptions): Promise<CommandResult>;
  /** stdout of a git command that must succeed; GIT_FAILED otherwise. */
  ok(args: string[], options?: GitRunOptions): Promise<string>;
  repoInfo(): Promise<RepoInfo>;
}

const DEFAULT_AUTHOR = { name: "Suture", email: "suture@localhost" };
const DEFAULT_GIT_TIMEOUT_MS = 2 * 60_000;
const MAX_GIT_OUTPUT_BYTES = 1024 * 1024;

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
export const GIT_LOCATION_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_PREFIX",
];

export function createGitCommand(options: GitCommandOptions): Git {
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

  function run(args: string[], opts: GitRunOptions = {}): Promise<CommandResult> {
    return runner.run("git", [...GIT_CONFIG, ...args], {
      cwd: opts.cwd ?? repoDir,
      env: gitEnv,
      unsetEnv: GIT_LOCATION_VARIABLES,
      timeoutMs: gitTimeoutMs,
      input: opts.input,
      maxOutputBytes: opts.maxOutputBytes ?? MAX_GIT_OUTPUT_BYTES,
    });
  }

  async function ok(args: string[], opts: GitRunOptions = {}): Promise<string> {
    const result = await run(args, opts);
    if (result.exitCode !== 0) throw gitFailure(args, result);
    return result.stdout;
  }

  function repoInfo(): Promise<RepoInfo> {
    repoInfoPromise ??= (async () => {
      const out = await ok(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-common-dir"]);
      const [topLevel, commonDir] = out.split("\n");
      if (!topLevel || !commonDir) {
        throw new LocalGitError("GIT_FAILED", `${repoDir} has no working tree; point Suture at a non-bare repository.`);
      }
      return { topLevel, worktreeRoot: stripTrailingSlash(options.worktreeRoot ?? defaultWorktreeRoot(commonDir)) };
    })();
    repoInfoPromise.catch(() => {
      repoInfoPromise = undefined;
    });
    return repoInfoPromise;
  }

  return { repoDir, runner, run, ok, repoInfo };
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

/** Refs from callers never start with "-" (option injection) or carry whitespace. */
export function plausibleRef(ref: string): boolean {
  return ref.length > 0 && ref.length <= 1_024 && !ref.startsWith("-") && !/[\s\p{Cc}]/u.test(ref);
}

/** ls-tree pathspecs: match the name literally, even if it contains `*` or `:`. */
export function literalPathspec(path: string): string {
  return `:(literal)${path}`;
}

export function withFinalNewline(message: string): string {
  return message.endsWith("\n") ? message : `${message}\n`;
}

export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

export function stderrTail(result: CommandResult): string {
  const text = (result.stderr || result.stdout).trim();
  return text.length > 500 ? `…${text.slice(-500)}` : text;
}

export function gitFailure(args: string[], result: CommandResult): LocalGitError {
  const what = result.timedOut ? "timed out" : `failed (exit ${result.exitCode})`;
  return new LocalGitError("GIT_FAILED", `git ${args[0] ?? ""} ${what}: ${stderrTail(result)}`);
}

function stripTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}
