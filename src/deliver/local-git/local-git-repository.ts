import type { BranchRequest, BranchResult, ValidationResult } from "../forge.ts";
import type { Lockfile } from "./dependency-setup.ts";
import { ensureFixBranch } from "./fix-branch.ts";
import { createGitCommand, type GitCommandOptions } from "./git-command.ts";
import { listFiles, readFile, resolveRef } from "./git-objects.ts";
import { mergeBranch, revertCommit } from "./merge-revert.ts";
import { type ValidateOptions, validateBranch } from "./validate.ts";
import { removeSutureWorktrees } from "./worktrees.ts";

// A git repository on this machine.
//
// The promise to the user: their checked-out branch, index and working tree are never touched,
// dirty or not. Everything Suture builds happens in its own `git worktree` (outside the
// repository, so it never shows up in the user's `git status`), and branches are moved with compare-and-swap
// `git update-ref`. The one exception is merge/revert into a base branch that the user has
// checked out: see merge-revert.ts. local-git-forge.ts builds the Forge on it.

export interface LocalGitRepositoryOptions extends GitCommandOptions {
  /** Install command per lockfile, run in the validation worktree when the lockfile changed. */
  installCommands?: Partial<Record<Lockfile, string>>;
}

export interface LocalGitRepository {
  /** Commit id for a ref, or null when the ref is unknown to the repository. */
  resolveRef(ref: string): Promise<string | null>;
  /** File contents at a ref, or null when the file does not exist there. */
  readFile(path: string, ref: string): Promise<string | null>;
  listFiles(ref: string): Promise<string[]>;
  /** Create or update the fix branch with exactly one commit on top of base. Idempotent. */
  ensureBranch(request: BranchRequest): Promise<BranchResult>;
  /** Merge a fix branch into the base branch; returns the merge commit. */
  merge(branch: string, base: string, message: string): Promise<{ commit: string }>;
  /** Revert a merged commit on the base branch; returns the revert commit. */
  revert(commit: string, base: string, message: string): Promise<{ commit: string }>;
  /** Run the repo's test command in a worktree of `branch` (see validate.ts). */
  validate(branch: string, base: string, command: string, options?: ValidateOptions): Promise<ValidationResult>;
  /** Remove worktrees Suture created (after a run). */
  cleanup(): Promise<void>;
}

export function createLocalGitRepository(options: LocalGitRepositoryOptions): LocalGitRepository {
  const git = createGitCommand(options);
  return {
    resolveRef: (ref) => resolveRef(git, ref),
    readFile: (path, ref) => readFile(git, path, ref),
    listFiles: (ref) => listFiles(git, ref),
    ensureBranch: (request: BranchRequest): Promise<BranchResult> => ensureFixBranch(git, request),
    merge: (branch, base, message) => mergeBranch(git, branch, base, message),
    revert: (commit, base, message) => revertCommit(git, commit, base, message),
    validate: (branch, base, command, validateOptions) => validateBranch(git, options.installCommands, { branch, base, command }, validateOptions),
    cleanup: () => removeSutureWorktrees(git),
  };
}
