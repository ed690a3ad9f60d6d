import type { CommandResult, CommandRunner } from "../core/command-runner.ts";
import { chooseDependencySetup, LOCKFILES, type Lockfile } from "../deliver/local-git/dependency-setup.ts";
import { LocalGitError } from "../deliver/local-git/errors.ts";
import { outputTail } from "../deliver/local-git/output-tail.ts";
import { checkRepoPath } from "../deliver/local-git/git-objects.ts";
import { defaultWorktreeRoot } from "../deliver/local-git/worktree-root.ts";
import { ORACLE_OUTPUT_ENV, ORACLE_PRELOAD_SOURCE, ORACLE_ROOT_ENV } from "./oracle-preload.ts";
import { parseOracleRecords } from "./oracle.ts";
import type { ReproductionSandbox, SandboxRunRequest, SandboxRunResult, SandboxWorkspace } from "./sandbox.ts";

// The sandbox for a repository on this machine: a detached git worktree of the commit under the
// repository's git directory (never the user's checkout), with the repository's node_modules
// linked in as validation does (nothing is installed when the lockfile is the commit's own), and
// the oracle preload kept beside it, outside the worktree, so it is never application code.
// After each run the worktree is put back to the commit, so runs do not see each other's files.

export interface LocalGitSandboxOptions {
  repoDir: string;
  runner: CommandRunner;
  /** Default: defaultWorktreeRoot (outside the repository). */
  worktreeRoot?: string;
  installCommands?: Partial<Record<Lockfile, string>>;
  /** Limit for git and file operations. Default 60 s. */
  gitTimeoutMs?: number;
  /** Limit for installing dependencies when the repository has no node_modules. Default 5 min. */
  installTimeoutMs?: number;
}

// Per-invocation config so the user's hooks, fsmonitor and auto-gc never run on our behalf.
const GIT_CONFIG = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "gc.auto=0", "-c", "advice.detachedHead=false"];
const GIT_LOCATION_VARIABLES = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX"];
const RECORDS_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_GIT_TIMEOUT_MS = 60_000;
const DEFAULT_INSTALL_TIMEOUT_MS = 5 * 60_000;

export function createLocalGitSandbox(options: LocalGitSandboxOptions): ReproductionSandbox {
  const { runner, repoDir } = options;
  const gitTimeoutMs = options.gitTimeoutMs ?? DEFAULT_GIT_TIMEOUT_MS;

  function git(args: string[], cwd = repoDir): Promise<CommandResult> {
    return runner.run("git", [...GIT_CONFIG, ...args], {
      cwd,
      env: { GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
      unsetEnv: GIT_LOCATION_VARIABLES,
      timeoutMs: gitTimeoutMs,
      maxOutputBytes: 1024 * 1024,
    });
  }

  async function gitOk(args: string[], cwd = repoDir): Promise<string> {
    const result = await git(args, cwd);
    if (result.exitCode !== 0) {
      throw new LocalGitError("GIT_FAILED", `git ${args[0]} failed (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim().slice(-500)}`);
    }
    return result.stdout;
  }

  async function sh(script: string, args: string[], cwd: string, input?: string): Promise<CommandResult> {
    return runner.run("sh", ["-c", script, "sh", ...args], { cwd, timeoutMs: gitTimeoutMs, input, maxOutputBytes: RECORDS_MAX_BYTES });
  }

  async function open(commitRef: string): Promise<SandboxWorkspace> {
    const [topLevel, commonDir] = (await gitOk(["rev-parse", "--path-format=absolute", "--show-toplevel", "--git-common-dir"])).split("\n");
    if (!topLevel || !commonDir) throw new LocalGitError("GIT_FAILED", `${repoDir} has no working tree; point Suture at a non-bare repository.`);
    const commit = (await gitOk(["rev-parse", "--verify", "--quiet", `${commitRef}^{commit}`])).trim();
    const root = (options.worktreeRoot ?? defaultWorktreeRoot(commonDir)).replace(/\/+$/, "");
    const id = crypto.randomUUID();
    const dir = `${root}/reproduce-${id}`;
    const oracleDir = `${root}/reproduce-${id}.oracle`;
    await gitOk(["worktree", "add", "--detach", dir, commit]);
    let linked = false;
    try {
      await sh('mkdir -p "$1"', [oracleDir], repoDir);
      const preload = `${oracleDir}/preload.cjs`;
      await sh('cat > "$1"', [preload], repoDir, ORACLE_PRELOAD_SOURCE);
      linked = await setUpDependencies(dir, topLevel, commit);
      const realDir = (await sh("pwd -P", [], dir)).stdout.trim() || dir;
      let runs = 0;
      let closed = false;

      async function run(request: SandboxRunRequest): Promise<SandboxRunResult> {
        if (closed) throw new Error("the sandbox workspace is closed");
        runs += 1;
        const recordsFile = `${oracleDir}/records-${runs}.jsonl`;
        for (const file of request.files) {
          checkRepoPath(file.path);
          const written = await sh('mkdir -p "$(dirname "$1")" && cat > "$1"', [`${dir}/${file.path}`], dir, file.content);
          if (written.exitCode !== 0) throw new Error(`could not write ${file.path} in the sandbox: ${written.stderr.trim()}`);
        }
        const env: Record<string, string> = { CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", ...request.env };
        if (request.observeExceptions) {
          env.NODE_OPTIONS = [request.env.NODE_OPTIONS ?? "", `--require ${nodeOptionPath(preload)}`].filter((part) => part !== "").join(" ");
          env[ORACLE_OUTPUT_ENV] = recordsFile;
          env[ORACLE_ROOT_ENV] = realDir;
        }
        try {
          // One stream, interleaved as a terminal shows it.
          const result = await runner.run("sh", ["-c", 'exec 2>&1; exec "$@"', "sh", request.program, ...request.args], {
            cwd: dir,
            env,
            unsetEnv: GIT_LOCATION_VARIABLES,
            timeoutMs: request.timeoutMs,
            maxOutputBytes: request.maxOutputBytes,
          });
          const recordsText = request.observeExceptions ? (await sh('cat "$1" 2>/dev/null; rm -f "$1"', [recordsFile], repoDir)).stdout : "";
          const parsed = parseOracleRecords(recordsText);
          const note = result.timedOut ? `\n[suture: timed out after ${request.timeoutMs} ms]` : "";
          const roots = [...new Set([realDir, dir])];
          return {
            exitCode: result.timedOut ? null : result.exitCode,
            timedOut: result.timedOut,
            durationMs: result.durationMs,
            outputTail: outputTail(repoRelative(`${result.stdout}${note}`, roots)),
            records: parsed.records,
            skippedRecords: parsed.skipped,
            roots,
          };
        } finally {
          await restore();
        }
      }

      async function restore(): Promise<void> {
        await gitOk(["checkout", "-f", "-q", "--detach", commit], dir);
        await gitOk(["clean", "-f", "-d", "-q", "-e", "/node_modules"], dir);
      }

      async function close(): Promise<void> {
        if (closed) return;
        closed = true;
        await removeWorkspace(dir, oracleDir, linked);
      }

      return { commit, run, close };
    } catch (error) {
      await removeWorkspace(dir, oracleDir, linked);
      throw error;
    }
  }

  async function setUpDependencies(dir: string, topLevel: string, commit: string): Promise<boolean> {
    const repoModules = `${topLevel}/node_modules`;
    const hasModules = (await sh('test -e "$1" || test -L "$1"', [repoModules], repoDir)).exitCode === 0;
    const lockfiles = await lockfileIds(commit);
    // The workspace runs the commit itself, so its lockfile is the base's by definition.
    const setup = chooseDependencySetup({ branchLockfiles: lockfiles, baseLockfiles: lockfiles, repoHasNodeModules: hasModules, installCommands: options.installCommands });
    if (setup.kind === "reuse") {
      const link = await runner.run("ln", ["-s", repoModules, `${dir}/node_modules`], { cwd: dir });
      return link.exitCode === 0;
    }
    if (setup.kind === "install") {
      const install = await runner.run("sh", ["-c", `exec 2>&1\n${setup.command}`], { cwd: dir, env: { CI: "true" }, unsetEnv: GIT_LOCATION_VARIABLES, timeoutMs: options.installTimeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS });
      if (install.exitCode !== 0) throw new Error(`installing dependencies for the sandbox failed (${setup.command}): ${outputTail(install.stdout, 10)}`);
    }
    return false;
  }

  async function lockfileIds(commit: string): Promise<Partial<Record<Lockfile, string>>> {
    const out = await gitOk(["ls-tree", "-z", "--full-tree", commit, "--", ...LOCKFILES.map((name) => `:(literal)${name}`)]);
    const ids: Partial<Record<Lockfile, string>> = {};
    for (const record of out.split("\0")) {
      const tab = record.indexOf("\t");
      if (tab < 0) continue;
      const name = record.slice(tab + 1) as Lockfile;
      if ((LOCKFILES as readonly string[]).includes(name)) ids[name] = record.slice(0, tab).split(" ")[2]!;
    }
    return ids;
  }

  async function removeWorkspace(dir: string, oracleDir: string, linked: boolean): Promise<void> {
    // Unlink first so nothing that cleans the worktree can reach the repository's own modules.
    if (linked) await runner.run("rm", ["-f", "--", `${dir}/node_modules`], { cwd: repoDir });
    const removed = await git(["worktree", "remove", "--force", "--force", dir]);
    if (removed.exitCode !== 0) {
      await runner.run("rm", ["-rf", "--", dir], { cwd: repoDir });
      await git(["worktree", "prune"]);
    }
    await runner.run("rm", ["-rf", "--", oracleDir], { cwd: repoDir });
  }

  return { open };
}

/** Output names files by their sandbox path; a reader wants the repository's. */
export function repoRelative(text: string, roots: readonly string[]): string {
  let out = text;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    for (const prefix of [`file://${root}/`, `${root}/`]) out = out.split(prefix).join("");
  }
  return out;
}

/** NODE_OPTIONS splits on spaces; a path with one must be double-quoted. */
function nodeOptionPath(path: string): string {
  return /[\s"\\]/.test(path) ? `"${path.replace(/(["\\])/g, "\\$1")}"` : path;
}
