import { afterEach, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../../src/adapters/node-command.ts";
import { LocalGitError } from "../../../src/deliver/local-git/errors.ts";
import { createLocalGitRepository } from "../../../src/deliver/local-git/local-git-repository.ts";
import { commitFiles, createRepo, git, readText, removeDir, snapshotUserState, writeFiles } from "./git-fixture.ts";

const BEFORE = "export function name(user) {\n  return user.name;\n}\n";
const AFTER = "export function name(user) {\n  return user?.name;\n}\n";
const MERGE_MESSAGE = "Merge suture fix: guard missing user\n\nSuture-Trace: t-1\nSuture-Mission: m-1\n";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function setup() {
  const dir = createRepo({ "src/user.ts": BEFORE, "README.md": "# app\n" });
  dirs.push(dir);
  const forge = createLocalGitRepository({ repoDir: dir, runner: createNodeCommandRunner() });
  const fix = await forge.ensureBranch({
    branch: "suture/0badc0de-guard-user",
    base: "main",
    changes: [{ path: "src/user.ts", before: BEFORE, after: AFTER }],
    message: "fix(user): guard missing user\n\nSuture-Trace: t-1\n",
  });
  return { dir, forge, fix };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LocalGitError) return error.code;
    throw error;
  }
  return "resolved";
}

describe("local-git repository: merge", () => {
  it("merges into a base that is not checked out without touching the user's dirty checkout", async () => {
    const { dir, forge, fix } = await setup();
    const oldMain = git(dir, "rev-parse", "main").trim();
    git(dir, "switch", "-q", "-c", "feature");
    writeFiles(dir, { "README.md": "# app\nwip\n", "scratch.txt": "untracked\n" });
    const before = snapshotUserState(dir);

    const { commit } = await forge.merge(fix.branch, "main", MERGE_MESSAGE);

    expect(snapshotUserState(dir)).toEqual(before);
    expect(git(dir, "rev-parse", "main").trim()).toBe(commit);
    expect(git(dir, "rev-list", "--parents", "-n", "1", commit).trim().split(" ")).toEqual([commit, oldMain, fix.commit]);
    expect(git(dir, "log", "-1", "--format=%B", commit)).toBe(`${MERGE_MESSAGE}\n`);
    expect(git(dir, "show", "main:src/user.ts")).toBe(AFTER);
  });

  it("fast-forwards a clean checked-out base so the user's files follow the branch", async () => {
    const { dir, forge, fix } = await setup();
    writeFiles(dir, { "scratch.txt": "untracked is fine\n" });
    const { commit } = await forge.merge(fix.branch, "main", MERGE_MESSAGE);
    expect(git(dir, "rev-parse", "HEAD").trim()).toBe(commit);
    expect(git(dir, "symbolic-ref", "HEAD").trim()).toBe("refs/heads/main");
    expect(readText(dir, "src/user.ts")).toBe(AFTER);
    expect(git(dir, "status", "--porcelain")).toBe("?? scratch.txt\n");
  });

  it("refuses BASE_CHECKED_OUT_DIRTY when the checked-out base has local changes, and changes nothing", async () => {
    const { dir, forge, fix } = await setup();
    writeFiles(dir, { "README.md": "# app\nlocal\n" });
    const before = snapshotUserState(dir);
    const mainBefore = git(dir, "rev-parse", "main");
    expect(await codeOf(forge.merge(fix.branch, "main", MERGE_MESSAGE))).toBe("BASE_CHECKED_OUT_DIRTY");
    expect(git(dir, "rev-parse", "main")).toBe(mainBefore);
    expect(snapshotUserState(dir)).toEqual(before);
  });

  it("merges when base moved on since the fix was branched", async () => {
    const { dir, forge, fix } = await setup();
    const moved = commitFiles(dir, { "README.md": "# app\nmore\n" }, "docs");
    const { commit } = await forge.merge(fix.branch, "main", MERGE_MESSAGE);
    expect(git(dir, "rev-list", "--parents", "-n", "1", commit).trim().split(" ")).toEqual([commit, moved, fix.commit]);
    expect(readText(dir, "src/user.ts")).toBe(AFTER);
    expect(readText(dir, "README.md")).toBe("# app\nmore\n");
  });

  it("reports MERGE_CONFLICT when base changed the same lines, leaving base where it was", async () => {
    const { dir, forge, fix } = await setup();
    git(dir, "switch", "-q", "-c", "other");
    const conflicting = commitFiles(dir, { "src/user.ts": BEFORE.replace("user.name", "user.fullName") }, "rename");
    git(dir, "switch", "-q", "main");
    git(dir, "merge", "-q", "--ff-only", conflicting);
    expect(await codeOf(forge.merge(fix.branch, "main", MERGE_MESSAGE))).toBe("MERGE_CONFLICT");
    expect(git(dir, "rev-parse", "main").trim()).toBe(conflicting);
    expect(git(dir, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });

  it("returns the existing merge when the branch is already merged", async () => {
    const { dir, forge, fix } = await setup();
    git(dir, "switch", "-q", "-c", "feature");
    const first = await forge.merge(fix.branch, "main", MERGE_MESSAGE);
    const again = await forge.merge(fix.branch, "main", MERGE_MESSAGE);
    expect(again).toEqual(first);
    expect(git(dir, "rev-list", "--count", "--merges", "main").trim()).toBe("1");
  });

  it("needs a local branch as base", async () => {
    const { dir, forge, fix } = await setup();
    const head = git(dir, "rev-parse", "HEAD").trim();
    expect(await codeOf(forge.merge(fix.branch, head, MERGE_MESSAGE))).toBe("BASE_NOT_A_BRANCH");
    expect(await codeOf(forge.merge(fix.branch, "nope", MERGE_MESSAGE))).toBe("UNKNOWN_REF");
  });
});

describe("local-git repository: revert", () => {
  it("reverts a merged fix with a revert commit on base", async () => {
    const { dir, forge, fix } = await setup();
    git(dir, "switch", "-q", "-c", "feature");
    const merged = await forge.merge(fix.branch, "main", MERGE_MESSAGE);
    const before = snapshotUserState(dir);

    const message = "Revert suture fix: regressed\n\nSuture-Trace: t-1\n";
    const { commit } = await forge.revert(merged.commit, "main", message);

    expect(snapshotUserState(dir)).toEqual(before);
    expect(git(dir, "rev-parse", "main").trim()).toBe(commit);
    expect(git(dir, "rev-parse", `${commit}^`).trim()).toBe(merged.commit);
    expect(git(dir, "show", "main:src/user.ts")).toBe(BEFORE);
    expect(git(dir, "log", "-1", "--format=%B", commit)).toBe(`${message}\n`);
    expect(await codeOf(forge.revert(merged.commit, "main", message))).toBe("NOTHING_TO_REVERT");
  });

  it("reverts a plain commit on a clean checked-out base", async () => {
    const { dir, forge } = await setup();
    const change = commitFiles(dir, { "README.md": "# app\nbad\n" }, "bad docs");
    const { commit } = await forge.revert(change, "main", "Revert bad docs\n");
    expect(git(dir, "rev-parse", "HEAD").trim()).toBe(commit);
    expect(readText(dir, "README.md")).toBe("# app\n");
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("refuses NOT_ON_BASE for a commit that base does not contain", async () => {
    const { forge, fix } = await setup();
    expect(await codeOf(forge.revert(fix.commit, "main", "Revert\n"))).toBe("NOT_ON_BASE");
  });
});
