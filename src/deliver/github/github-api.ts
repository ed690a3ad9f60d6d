import type { Logger } from "../../core/logger.ts";
import { httpStatus, toGithubForgeError } from "./errors.ts";
import { createOctokitClient, type OctokitClientOptions, type RateLimitHandler, type SutureOctokitClient } from "./octokit-client.ts";

// One repository's REST access: the Octokit, the owner/repo every request names, and the error
// handling every call shares (GitHub's failures become typed GithubForgeErrors).

export interface GithubApiOptions {
  owner: string;
  repo: string;
  token: string;
  /** https://api.github.com by default; the tests' local server; GitHub Enterprise `…/api/v3`. */
  baseUrl?: string;
  userAgent?: string;
  fetch?: typeof fetch;
  retry?: OctokitClientOptions["retry"];
  throttle?: OctokitClientOptions["throttle"];
  onRateLimit?: RateLimitHandler;
  logger?: Logger;
}

export interface GithubApi {
  readonly octokit: SutureOctokitClient;
  readonly owner: string;
  readonly repo: string;
  /** `{ owner, repo }` for request parameters. */
  readonly params: { owner: string; repo: string };
  readonly logger?: Logger;
  /** Runs a request; any failure becomes a GithubForgeError saying what was being done. */
  call<T>(doing: string, run: () => Promise<T>): Promise<T>;
  /** Like call, but a 404 (or GitHub's 422 for an unknown commit) is null. */
  callOrNull<T>(doing: string, run: () => Promise<T>): Promise<T | null>;
}

export function createGithubApi(options: GithubApiOptions): GithubApi {
  const octokit = createOctokitClient({
    token: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    fetch: options.fetch,
    retry: options.retry,
    throttle: options.throttle,
    onRateLimit: options.onRateLimit,
    logger: options.logger,
  });

  async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toGithubForgeError(error, doing);
    }
  }

  async function callOrNull<T>(doing: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      const status = httpStatus(error);
      if (status === 404 || status === 422) return null;
      throw toGithubForgeError(error, doing);
    }
  }

  return {
    octokit,
    owner: options.owner,
    repo: options.repo,
    params: { owner: options.owner, repo: options.repo },
    logger: options.logger,
    call,
    callOrNull,
  };
}
