// Typed failures of the GitHub forge. Callers branch on `code`, never on message text.

export type GithubForgeErrorCode =
  /** A ref (branch, tag, commit) the caller named does not exist in the repository. */
  | "UNKNOWN_REF"
  /** A change's `before` does not match the file at base: the fix was made against other code. */
  | "STALE_BASE"
  | "INVALID_PATH"
  | "INVALID_BRANCH_NAME"
  /** Every change leaves its file as it is: there is nothing to commit. */
  | "EMPTY_CHANGE"
  /** Branch protection (or a ruleset) refused the merge; Suture never bypasses it. */
  | "MERGE_BLOCKED"
  /** The pull request cannot be merged as it is (conflicts, closed, head moved). */
  | "NOT_MERGEABLE"
  /** Required checks have not finished yet. */
  | "CHECKS_PENDING"
  /** merge() was asked for a branch that has no pull request. */
  | "NO_PULL_REQUEST"
  /** The revert conflicts with later changes on the base branch. */
  | "REVERT_CONFLICT"
  /** The revert pull request is open but policy or protection left the merge to people. */
  | "REVERT_PENDING"
  /** GitHub's rate limit is exhausted and waiting was declined; the cycle resumes next tick. */
  | "RATE_LIMITED"
  /** The token lacks a permission (401/403 without a rate limit). */
  | "FORBIDDEN"
  | "FILE_TOO_LARGE"
  /** Any other answer from GitHub: the status and message are in the text. */
  | "GITHUB_FAILED";

export class GithubForgeError extends Error {
  constructor(
    readonly code: GithubForgeErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GithubForgeError";
    this.details = options?.details ?? {};
  }

  readonly details: Record<string, unknown>;
}

/** The HTTP status of an octokit RequestError, or null for anything else. */
export function httpStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status > 0 ? status : null;
}

/** GitHub's own explanation from an error response body (`{ message }`), capped. */
export function githubMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | null)?.message;
  const text = typeof message === "string" ? message : error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** Turns an octokit failure into a typed error that says what to do next. */
export function toGithubForgeError(error: unknown, doing: string): GithubForgeError {
  if (error instanceof GithubForgeError) return error;
  const status = httpStatus(error);
  const message = githubMessage(error);
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } } | null)?.response?.headers ?? {};
  if (status === 429 || (status === 403 && (headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(message)))) {
    return new GithubForgeError("RATE_LIMITED", `GitHub's rate limit stopped ${doing}; Suture resumes on the next tick. (${status}: ${message})`, {
      cause: error,
      details: { status, reset: headers["x-ratelimit-reset"] ?? null, retryAfter: headers["retry-after"] ?? null },
    });
  }
  if (status === 401 || status === 403) {
    return new GithubForgeError(
      "FORBIDDEN",
      `GitHub refused ${doing} (${status}: ${message}); check that the token has contents and pull requests read/write, checks and statuses read (docs/github.md).`,
      { cause: error, details: { status } },
    );
  }
  return new GithubForgeError("GITHUB_FAILED", `GitHub answered ${status ?? "no response"} while ${doing}: ${message}`, {
    cause: error,
    details: { status },
  });
}
