// Typed failures of the local-git forge. Callers branch on `code`, never on message text.

export type LocalGitErrorCode =
  /** A change's `before` does not match the file at base: the fix was made against other code. */
  | "STALE_BASE"
  /** A ref (branch, commit) the caller named does not exist. */
  | "UNKNOWN_REF"
  /** A path that is not a plain repo-relative POSIX path (absolute, `..`, `.git`, control chars). */
  | "INVALID_PATH"
  | "INVALID_BRANCH_NAME"
  /** Every change leaves its file as it is: there is nothing to commit. */
  | "EMPTY_CHANGE"
  /** The fix branch is checked out in some worktree; moving it would change that worktree. */
  | "BRANCH_CHECKED_OUT"
  /** merge/revert need a local branch as base, not a commit or a remote ref. */
  | "BASE_NOT_A_BRANCH"
  /** The base branch is checked out with local changes; it is left alone. */
  | "BASE_CHECKED_OUT_DIRTY"
  | "MERGE_CONFLICT"
  | "REVERT_CONFLICT"
  /** The commit to revert is not on the base branch. */
  | "NOT_ON_BASE"
  /** Reverting would change nothing (already reverted). */
  | "NOTHING_TO_REVERT"
  /** A branch moved while Suture worked on it (compare-and-swap failed); retry. */
  | "REF_MOVED"
  | "FILE_TOO_LARGE"
  /** A stored proposal's kept checks cannot be read back. */
  | "MALFORMED_RECORD"
  | "GIT_FAILED";

export class LocalGitError extends Error {
  constructor(
    readonly code: LocalGitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LocalGitError";
  }
}
