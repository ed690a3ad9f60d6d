import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GithubForgeError } from "../../../src/deliver/github/errors.ts";
import { createGithubRepository, type GithubRepository, type GithubRepositoryOptions } from "../../../src/deliver/github/github-repository.ts";
import type { RateLimitInfo } from "../../../src/deliver/github/octokit-client.ts";
import { type GithubApiServer, startGithubApiServer } from "../../support/github-api-server.ts";

const OWNER = "acme";
let server: GithubApiServer;
let repoCounter = 0;
let repo: string;
let initial: string;

const USERS_BEFORE = `export function userName(user) {\n  return user.name;\n}\n`;
const USERS_AFTER = `export function userName(user) {\n  return user?.name;\n}\n`;
const ROUTES_BEFORE = `import { userName } from "./users.ts";\nexport const route = (u) => userName(u);\n`;
const ROUTES_AFTER = `import { userName } from "./users.ts";\nexport const route = (u) => (u ? userName(u) : null);\n`;

function forge(overrides: Partial<GithubRepositoryOptions> = {}): GithubRepository {
  return createGithubRepository({
    owner: OWNER,
    repo,
    token: server.token,
    baseUrl: server.url,
    // Tests keep every wait tiny; production uses GitHub's own pacing.
    retry: { retryAfterBaseValueMs: 1 },
    throttle: { retryAfterBaseValueMs: 1, writeSpacingMs: 0 },
    ...overrides,
  });
}

function requestsSince(mark: number): Array<{ method: string; path: string }> {
  return server.requests.slice(mark);
}

async function fixBranch(f: GithubRepository, branch = "suture/abcd1234-guard-missing-user"): Promise<{ branch: string; commit: string }> {
  return f.ensureBranch({
    branch,
    base: "main",
    changes: [
      { path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER },
      { path: "src/routes/users.ts", before: ROUTES_BEFORE, after: ROUTES_AFTER },
    ],
    message: "fix(users): guard a possibly missing value\n\nCause: user is undefined.\n\nSuture-Trace: t1\n",
  });
}

beforeAll(async () => {
  server = await startGithubApiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.clearFaults();
  repo = `app-${++repoCounter}`;
  initial = server.createRepo(OWNER, repo, {
    "src/users.ts": USERS_BEFORE,
    "src/routes/users.ts": ROUTES_BEFORE,
    "README.md": "# app\n",
  });
});

describe("reading sources", () => {
  it("resolves branches and commit ids, and null for unknown refs", async () => {
    const f = forge();
    expect(await f.resolveRef("main")).toBe(initial);
    expect(await f.resolveRef(initial)).toBe(initial);
    expect(await f.resolveRef("no-such-branch")).toBeNull();
    expect(await f.resolveRef("0".repeat(40))).toBeNull();
    expect(await f.resolveRef("--upload-pack=evil")).toBeNull();
  });

  it("reads a file at a commit and serves the second read from its cache", async () => {
    const f = forge();
    expect(await f.readFile("src/users.ts", initial)).toBe(USERS_BEFORE);
    const mark = server.requests.length;
    expect(await f.readFile("src/users.ts", initial)).toBe(USERS_BEFORE);
    expect(requestsSince(mark)).toEqual([]);
  });

  it("reads the file as it was at the release commit, not as it is now", async () => {
    const f = forge();
    server.pushCommit(OWNER, repo, "main", { "src/users.ts": "export const changed = true;\n" }, "later change");
    expect(await f.readFile("src/users.ts", initial)).toBe(USERS_BEFORE);
    expect(await f.readFile("src/users.ts", "main")).toBe("export const changed = true;\n");
  });

  it("answers null for a missing file and a directory, and refuses paths outside the repo", async () => {
    const f = forge();
    expect(await f.readFile("src/missing.ts", initial)).toBeNull();
    expect(await f.readFile("src/routes", initial)).toBeNull();
    await expect(f.readFile("../etc/passwd", initial)).rejects.toMatchObject({ code: "INVALID_PATH" });
  });

  it("lists every file at a ref", async () => {
    expect(await forge().listFiles("main")).toEqual(["README.md", "src/routes/users.ts", "src/users.ts"]);
  });

  it("reads files with non-ASCII text exactly", async () => {
    server.pushCommit(OWNER, repo, "main", { "src/i18n.ts": "export const greeting = \"Grüß dich, 世界 ✓\";\n" }, "i18n");
    expect(await forge().readFile("src/i18n.ts", "main")).toBe("export const greeting = \"Grüß dich, 世界 ✓\";\n");
  });
});

describe("ensureBranch", () => {
  it("creates one commit on base with every changed file", async () => {
    const f = forge();
    const result = await fixBranch(f);
    expect(server.branchHead(OWNER, repo, result.branch)).toBe(result.commit);
    const commit = server.commit(OWNER, repo, result.commit);
    expect(commit.parents).toEqual([initial]);
    expect(commit.message).toBe("fix(users): guard a possibly missing value\n\nCause: user is undefined.\n\nSuture-Trace: t1\n");
    expect(server.fileAt(OWNER, repo, result.commit, "src/users.ts")).toBe(USERS_AFTER);
    expect(server.fileAt(OWNER, repo, result.commit, "src/routes/users.ts")).toBe(ROUTES_AFTER);
    expect(server.fileAt(OWNER, repo, result.commit, "README.md")).toBe("# app\n");
    expect(server.branchHead(OWNER, repo, "main")).toBe(initial);
  });

  it("makes no new commit and no write when run again with the same change", async () => {
    const first = await fixBranch(forge());
    const mark = server.requests.length;
    const second = await fixBranch(forge());
    expect(second).toEqual(first);
    expect(requestsSince(mark).filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("replaces the branch's commit when the fix changes, still one commit on base", async () => {
    const f = forge();
    const first = await fixBranch(f);
    const second = await f.ensureBranch({
      branch: first.branch,
      base: "main",
      changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: "export function userName(user) {\n  return user?.name ?? null;\n}\n" }],
      message: "fix(users): default a missing value\n",
    });
    expect(second.commit).not.toBe(first.commit);
    expect(server.commit(OWNER, repo, second.commit).parents).toEqual([initial]);
    expect(server.fileAt(OWNER, repo, second.branch, "src/routes/users.ts")).toBe(ROUTES_BEFORE);
  });

  it("creates and deletes files", async () => {
    const result = await forge().ensureBranch({
      branch: "suture/ffff0000-move",
      base: "main",
      changes: [
        { path: "src/lib/new-file.ts", before: null, after: "export const x = 1;\n" },
        { path: "README.md", before: "# app\n", after: null },
      ],
      message: "move",
    });
    expect(server.fileAt(OWNER, repo, result.commit, "src/lib/new-file.ts")).toBe("export const x = 1;\n");
    expect(server.fileAt(OWNER, repo, result.commit, "README.md")).toBeNull();
  });

  it("refuses a change made against other contents than base has", async () => {
    await expect(
      forge().ensureBranch({
        branch: "suture/aaaa0000-stale",
        base: "main",
        changes: [{ path: "src/users.ts", before: "something else\n", after: USERS_AFTER }],
        message: "stale",
      }),
    ).rejects.toMatchObject({ code: "STALE_BASE" });
  });

  it("refuses invalid branch names and empty changes", async () => {
    const f = forge();
    await expect(f.ensureBranch({ branch: "suture/..evil", base: "main", changes: [], message: "x" })).rejects.toMatchObject({ code: "INVALID_BRANCH_NAME" });
    await expect(
      f.ensureBranch({ branch: "suture/aaaa-noop", base: "main", changes: [{ path: "README.md", before: "# app\n", after: "# app\n" }], message: "x" }),
    ).rejects.toMatchObject({ code: "EMPTY_CHANGE" });
    await expect(f.ensureBranch({ branch: "suture/aaaa-x", base: "nope", changes: [], message: "x" })).rejects.toMatchObject({ code: "UNKNOWN_REF" });
  });
});

describe("transient failures and rate limits", () => {
  it("retries a request that answered 502", async () => {
    server.failNext("GET", /\/git\/commits\//, 2, 502);
    const mark = server.requests.length;
    expect(await forge().listFiles(initial)).toContain("src/users.ts");
    const commitReads = requestsSince(mark).filter((r) => r.path.includes("/git/commits/"));
    expect(commitReads).toHaveLength(3);
  });

  it("gives up after the configured retries with a typed error", async () => {
    server.failNext("GET", /\/git\/commits\//, 10, 502);
    const error = await forge({ retry: { retries: 1, retryAfterBaseValueMs: 1 } }).listFiles(initial).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubForgeError);
    expect((error as GithubForgeError).code).toBe("GITHUB_FAILED");
  });

  it("waits for the primary rate limit to reset (403 with x-ratelimit-remaining: 0) and retries", async () => {
    const seen: RateLimitInfo[] = [];
    server.rateLimitNext("GET", /\/contents\//, "primary");
    const f = forge({ onRateLimit: (info) => (seen.push(info), true) });
    expect(await f.readFile("src/users.ts", initial)).toBe(USERS_BEFORE);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ kind: "primary", retryCount: 0 });
    expect(seen[0]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("waits for a secondary rate limit (429 with retry-after) and retries", async () => {
    const seen: RateLimitInfo[] = [];
    server.rateLimitNext("POST", /\/git\/blobs$/, "secondary");
    const f = forge({ onRateLimit: (info) => (seen.push(info), true) });
    const result = await fixBranch(f);
    expect(server.fileAt(OWNER, repo, result.commit, "src/users.ts")).toBe(USERS_AFTER);
    expect(seen).toEqual([expect.objectContaining({ kind: "secondary", retryAfterSeconds: 1 })]);
  });

  it("fails with RATE_LIMITED when waiting is declined", async () => {
    server.rateLimitNext("GET", /\/contents\//, "primary");
    const error = await forge({ onRateLimit: () => false }).readFile("src/users.ts", initial).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("reports a bad token as FORBIDDEN with what to check", async () => {
    const error = await forge({ token: "ghp_wrong" }).listFiles("main").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect((error as Error).message).toMatch(/docs\/github\.md/);
  });
});

describe("pull requests", () => {
  it("opens a pull request once and updates it on a re-run", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    const first = await f.ensurePullRequest({ branch, base: "main", title: "fix(users): guard", body: "first body", labels: ["suture", "severity:P2", "risk:low"], reviewers: ["alice"], draft: false });
    const second = await f.ensurePullRequest({ branch, base: "main", title: "fix(users): guard better", body: "second body", labels: ["suture", "severity:P1", "risk:low"], draft: false });
    expect(first.created).toBe(true);
    expect(second).toEqual({ number: first.number, url: first.url, created: false });
    const pulls = server.pulls(OWNER, repo);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ title: "fix(users): guard better", body: "second body", requested_reviewers: ["alice"] });
    expect(pulls[0]!.labels.sort()).toEqual(["risk:low", "severity:P1", "suture"]);
  });

  it("keeps labels people added", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: true });
    server.pulls(OWNER, repo)[0]!.labels.push("needs-qa");
    await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture", "risk:low"], draft: true });
    expect(server.pulls(OWNER, repo)[0]!.labels.sort()).toEqual(["needs-qa", "risk:low", "suture"]);
    expect(server.pulls(OWNER, repo)[0]!.draft).toBe(true);
    expect(pr.url).toBe(`https://github.test/${OWNER}/${repo}/pull/1`);
  });

  it("turns a draft into a ready pull request when a re-run no longer needs a person's decision", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: true });
    expect(await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "t" })).toMatchObject({ merged: false, code: "NOT_MERGEABLE" });
    await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: false });
    expect(server.pulls(OWNER, repo)[0]!.draft).toBe(false);
    expect(await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "t" })).toMatchObject({ merged: true });
  });

  it("does not lose the pull request when a reviewer cannot be requested", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], reviewers: ["suture-bot"], draft: false });
    expect(pr.created).toBe(true);
  });

  it("counts open pull requests labelled suture", async () => {
    const f = forge();
    expect(await f.countOpenSuturePullRequests()).toBe(0);
    for (const name of ["one", "two", "three"]) {
      const { branch } = await fixBranch(f, `suture/aaaa0000-${name}`);
      await f.ensurePullRequest({ branch, base: "main", title: name, body: "", labels: name === "three" ? ["other"] : ["suture"], draft: false });
    }
    expect(await f.countOpenSuturePullRequests()).toBe(2);
  });

  it("reports checks, statuses and reviews of the head commit", async () => {
    const f = forge();
    const { branch, commit } = await fixBranch(f);
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: false });
    let state = await f.pullRequestState(pr.number);
    expect(state).toMatchObject({ state: "open", headSha: commit, headBranch: branch, baseBranch: "main", mergeable: true });
    expect(state.checks.status).toBe("none");

    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "in_progress" });
    server.setStatus(OWNER, repo, commit, { context: "lint", state: "success" });
    expect((await f.pullRequestState(pr.number)).checks).toMatchObject({ status: "pending", pending: ["test"] });

    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "completed", conclusion: "failure", title: "2 tests failed" });
    state = await f.pullRequestState(pr.number);
    expect(state.checks).toMatchObject({ status: "failure", failing: [{ name: "test", summary: "2 tests failed" }] });

    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "completed", conclusion: "success" });
    server.addReview(OWNER, repo, pr.number, { user: "alice", state: "COMMENTED" });
    server.addReview(OWNER, repo, pr.number, { user: "bob", state: "APPROVED" });
    state = await f.pullRequestState(pr.number);
    expect(state.checks.status).toBe("success");
    expect(state.reviews).toEqual({ approved: true, changesRequested: false, by: ["bob"], changesRequestedBy: [] });
  });

  it("refuses to merge while required checks are pending, then merges once they pass", async () => {
    const f = forge();
    const { branch, commit } = await fixBranch(f);
    server.protectBranch(OWNER, repo, "main", { requiredChecks: ["test"] });
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "fix(users): guard", body: "b", labels: ["suture"], draft: false });
    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "queued" });

    const refused = await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "fix(users): guard (#1)" });
    expect(refused).toMatchObject({ merged: false, code: "CHECKS_PENDING" });
    expect(server.branchHead(OWNER, repo, "main")).toBe(initial);

    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "completed", conclusion: "success" });
    const merged = await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "fix(users): guard (#1)" });
    expect(merged).toMatchObject({ merged: true });
    const sha = (merged as { sha: string }).sha;
    expect(server.branchHead(OWNER, repo, "main")).toBe(sha);
    expect(server.commit(OWNER, repo, sha).parents).toEqual([initial]);
    expect(server.commit(OWNER, repo, sha).message).toBe("fix(users): guard (#1)");
    expect(server.fileAt(OWNER, repo, "main", "src/users.ts")).toBe(USERS_AFTER);
    // A re-run after a crash reports the same merge instead of failing.
    expect(await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "again" })).toEqual({ merged: true, sha });
    expect((await f.pullRequestState(pr.number))).toMatchObject({ state: "merged", mergeCommit: sha });
  });

  it("reports MERGE_BLOCKED when protection wants an approval, and never bypasses it", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    server.protectBranch(OWNER, repo, "main", { requiredApprovals: 1 });
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: false });
    const refused = await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "t" });
    expect(refused).toEqual({ merged: false, code: "MERGE_BLOCKED", reason: expect.stringContaining("approving review") });
    expect(server.branchHead(OWNER, repo, "main")).toBe(initial);

    server.addReview(OWNER, repo, pr.number, { user: "carol", state: "APPROVED" });
    expect(await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "t" })).toMatchObject({ merged: true });
  });

  it("does not merge a draft or a pull request that conflicts with base", async () => {
    const f = forge();
    const { branch } = await fixBranch(f);
    const draft = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: true });
    expect(await f.mergePullRequest(draft.number, { method: "squash", commitTitle: "t" })).toMatchObject({ merged: false, code: "NOT_MERGEABLE" });

    const other = await fixBranch(f, "suture/bbbb0000-other");
    const pr = await f.ensurePullRequest({ branch: other.branch, base: "main", title: "t2", body: "b", labels: ["suture"], draft: false });
    server.pushCommit(OWNER, repo, "main", { "src/users.ts": "export const rewritten = 1;\n" }, "someone rewrote it");
    expect(await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "t2" })).toMatchObject({ merged: false, code: "NOT_MERGEABLE" });
  });

  it("enables platform auto-merge, which merges once the checks pass", async () => {
    const f = forge();
    const { branch, commit } = await fixBranch(f);
    server.protectBranch(OWNER, repo, "main", { requiredChecks: ["test"] });
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: false });
    expect(await f.enableAutoMerge(pr.number)).toBe(true);
    expect((await f.pullRequestState(pr.number)).state).toBe("open");
    server.addCheckRun(OWNER, repo, commit, { name: "test", status: "completed", conclusion: "success" });
    expect((await f.pullRequestState(pr.number)).state).toBe("merged");

    server.setAutoMergeAllowed(OWNER, repo, false);
    const other = await f.ensureBranch({ branch: "suture/cccc0000-docs", base: "main", changes: [{ path: "README.md", before: "# app\n", after: "# app!\n" }], message: "docs" });
    const second = await f.ensurePullRequest({ branch: other.branch, base: "main", title: "t", body: "b", labels: ["suture"], draft: false });
    expect(await f.enableAutoMerge(second.number)).toBe(false);
  });
});

describe("revert", () => {
  async function mergedFix(f: GithubRepository): Promise<string> {
    const { branch } = await fixBranch(f);
    const pr = await f.ensurePullRequest({ branch, base: "main", title: "fix(users): guard", body: "b", labels: ["suture"], draft: false });
    const merged = await f.mergePullRequest(pr.number, { method: "squash", commitTitle: "fix(users): guard (#1)" });
    return (merged as { sha: string }).sha;
  }

  it("opens a revert pull request that restores the files as they were", async () => {
    const f = forge();
    const mergeCommit = await mergedFix(f);
    server.pushCommit(OWNER, repo, "main", { "docs/notes.md": "unrelated\n" }, "unrelated change");
    const revert = await f.openRevertPullRequest({ mergeCommit, base: "main", title: "Revert \"fix(users): guard\"", body: "The fix made things worse." });
    expect(revert.branch).toBe(`suture/revert-${mergeCommit.slice(0, 12)}`);
    expect(server.fileAt(OWNER, repo, revert.branch, "src/users.ts")).toBe(USERS_BEFORE);
    expect(server.fileAt(OWNER, repo, revert.branch, "src/routes/users.ts")).toBe(ROUTES_BEFORE);
    expect(server.fileAt(OWNER, repo, revert.branch, "docs/notes.md")).toBe("unrelated\n");
    const pull = server.pulls(OWNER, repo).find((p) => p.number === revert.number)!;
    expect(pull.labels.sort()).toEqual(["revert", "suture"]);
    // Idempotent: asking again finds the open revert.
    expect(await f.openRevertPullRequest({ mergeCommit, base: "main", title: "x", body: "y" })).toEqual(revert);
  });

  it("merges its revert pull request when protection allows, and reports REVERT_PENDING when it does not", async () => {
    const f = forge();
    const mergeCommit = await mergedFix(f);
    server.protectBranch(OWNER, repo, "main", { requiredApprovals: 1 });
    const pending = await f.revertMerge(mergeCommit, "main", "Revert fix\n\nRegressed.").catch((e: unknown) => e);
    expect(pending).toMatchObject({ code: "REVERT_PENDING" });
    const number = (pending as GithubForgeError).details.pullRequest as number;
    server.addReview(OWNER, repo, number, { user: "dana", state: "APPROVED" });
    const reverted = await f.revertMerge(mergeCommit, "main", "Revert fix\n\nRegressed.");
    expect(server.branchHead(OWNER, repo, "main")).toBe(reverted.commit);
    expect(server.fileAt(OWNER, repo, "main", "src/users.ts")).toBe(USERS_BEFORE);
  });

  it("refuses a revert that conflicts with later changes", async () => {
    const f = forge();
    const mergeCommit = await mergedFix(f);
    server.pushCommit(OWNER, repo, "main", { "src/users.ts": "export const again = 2;\n" }, "changed again");
    await expect(f.openRevertPullRequest({ mergeCommit, base: "main", title: "r", body: "b" })).rejects.toMatchObject({ code: "REVERT_CONFLICT" });
  });
});
