import type { CommandResult } from "../../core/command-runner.ts";
import type { ValidationResult } from "../forge.ts";
import { chooseDependencySetup, LOCKFILES, type Lockfile } from "./dependency-setup.ts";
import { GIT_LOCATION_VARIABLES, type Git, withoutFinalNewline } from "./git-command.ts";
import { requireCommit, treeEntries } from "./git-objects.ts";
import { outputTail } from "./output-tail.ts";
import { newWorktreeDir, removeWorktree } from "./worktrees.ts";

// A fix's local checks: the repository's test command run in a worktree of the fix branch. The
// repo's node_modules is reused (symlinked) when the lockfile is unchanged between base and
// branch; otherwise the matching install runs in the worktree first.

export interface ValidateOptions {
  /** For the install and for the test command, each. Default 5 minutes. */
  timeoutMs?: number;
}

const DEFAULT_VALIDATION_TIMEOUT_MS = 5 * 60_000;
const TEST_OUTPUT_BYTES = 64 * 1024;

export async function validateBranch(
  git: Git,
  installCommands: Partial<Record<Lockfile, string>> | undefined,
  request: { branch: string; base: string; command: string },
  validateOptions: ValidateOptions = {},
): Promise<ValidationResult> {
  const { branch, base, command } = request;
  const timeoutMs = validateOptions.timeoutMs ?? DEFAULT_VALIDATION_TIMEOUT_MS;
  const branchCommit = await requireCommit(git, branch);
  const baseCommit = await requireCommit(git, base);
  const { topLevel } = await git.repoInfo();
  const dir = await newWorktreeDir(git, "validate");
  let linked = false;
  try {
    await git.ok(["worktree", "add", "--detach", dir, branchCommit]);
    const repoModules = `${topLevel}/node_modules`;
    const setup = chooseDependencySetup({
      branchLockfiles: await lockfileIds(git, branchCommit),
      baseLockfiles: await lockfileIds(git, baseCommit),
      repoHasNodeModules: await pathExists(git, repoModules),
      installCommands,
    });
    let installMs = 0;
    if (setup.kind === "reuse" && !(await pathExists(git, `${dir}/node_modules`))) {
      const link = await git.runner.run("ln", ["-s", repoModules, `${dir}/node_modules`], { cwd: dir });
      linked = link.exitCode === 0;
    }
    if (setup.kind === "install") {
      const install = await runShell(git, setup.command, dir, timeoutMs);
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
    const run = await runShell(git, command, dir, timeoutMs);
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
    if (linked) await git.runner.run("rm", ["-f", "--", `${dir}/node_modules`], { cwd: git.repoDir });
    await removeWorktree(git, dir);
  }
}

async function lockfileIds(git: Git, commit: string): Promise<Partial<Record<Lockfile, string>>> {
  const entries = await treeEntries(git, commit, [...LOCKFILES]);
  const ids: Partial<Record<Lockfile, string>> = {};
  for (const name of LOCKFILES) {
    const entry = entries.get(name);
    if (entry) ids[name] = entry.id;
  }
  return ids;
}

async function pathExists(git: Git, path: string): Promise<boolean> {
  const result = await git.runner.run("sh", ["-c", 'test -e "$1" || test -L "$1"', "sh", path], { cwd: git.repoDir });
  return result.exitCode === 0;
}

function runShell(git: Git, command: string, cwd: string, timeoutMs: number): Promise<CommandResult> {
  // One stream, interleaved as the user would see it in a terminal.
  return git.runner.run("sh", ["-c", `exec 2>&1\n${command}`], {
    cwd,
    env: { CI: "true" },
    unsetEnv: GIT_LOCATION_VARIABLES,
    timeoutMs,
    maxOutputBytes: TEST_OUTPUT_BYTES,
  });
}
