import { existsSync, readdirSync, chmodSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../../src/adapters/node-command.ts";
import { LocalGitError } from "../../../src/deliver/local-git/errors.ts";
import { createLocalGitRepository } from "../../../src/deliver/local-git/local-git-repository.ts";
import { isGitRepository } from "../../../src/deliver/local-git/git-command.ts";
import { defaultWorktreeRoot } from "../../../src/deliver/local-git/worktree-root.ts";
import { commitFiles, createRepo, git, removeDir, snapshotUserState, tempDir, writeFiles } from "./git-fixture.ts";

const USERS_BEFORE = `export function getUser(db, id) {
  const user = db.find(id);
  return user.name;
}
`;
const USERS_AFTER = `export function getUser(db, id) {
  const user = db.find(id);
  return user?.name;
}
`;
const MESSAGE = "fix(users): guard missing user\n\nCause: db.find returns undefined.\n\nSuture-Trace: t-1\nSuture-Mission: m-1\n";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function repo(files: Record<string, string>): string {
  const dir = createRepo(files);
  dirs.push(dir);
  return dir;
}

function forgeFor(dir: string) {
  return createLocalGitRepository({ repoDir: dir, runner: createNodeCommandRunner(), author: { name: "Suture Bot", email: "bot@suture.test" } });
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

/** A user mid-work: an unstaged edit, a staged edit and an untracked file. */
function makeUserTreeDirty(dir: string): void {
  writeFiles(dir, { "README.md": "# app\nlocal edit, not staged\n", "src/other.ts": "export const other = 2;\n" });
  git(dir, "add", "src/other.ts");
  writeFiles(dir, { "notes.txt": "untracked scratch\n" });
}

describe("local-git repository: ensureBranch", () => {
  it("creates the branch with exactly one commit on base and leaves a dirty user checkout byte-for-byte untouched", async () => {
    const dir = repo({ "README.md": "# app\n", "src/users.ts": USERS_BEFORE, "src/other.ts": "export const other = 1;\n" });
    const base = git(dir, "rev-parse", "HEAD").trim();
    makeUserTreeDirty(dir);
    const before = snapshotUserState(dir);
    expect(before.status).toContain("?? notes.txt");
    expect(before.cached).toContain("other = 2");

    const forge = forgeFor(dir);
    const result = await forge.ensureBranch({
      branch: "suture/abc12345-guard-missing-user",
      base: "main",
      changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }],
      message: MESSAGE,
    });

    expect(snapshotUserState(dir)).toEqual(before);
    expect(result.branch).toBe("suture/abc12345-guard-missing-user");
    expect(git(dir, "rev-parse", result.branch).trim()).toBe(result.commit);
    expect(git(dir, "rev-list", "--parents", "-n", "1", result.commit).trim().split(" ")).toEqual([result.commit, base]);
    expect(git(dir, "show", `${result.commit}:src/users.ts`)).toBe(USERS_AFTER);
    expect(git(dir, "diff", "--name-only", base, result.commit).trim()).toBe("src/users.ts");
    expect(git(dir, "log", "-1", "--format=%B", result.commit)).toBe(`${MESSAGE}\n`);
    expect(git(dir, "log", "-1", "--format=%an <%ae>|%cn <%ce>", result.commit).trim()).toBe(
      "Suture Bot <bot@suture.test>|Suture Bot <bot@suture.test>",
    );
    // The temporary worktree is gone again.
    expect(git(dir, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  });

  it("returns the same single commit when run twice with the same changes", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const forge = forgeFor(dir);
    const request = {
      branch: "suture/abc12345-x",
      base: "main",
      changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }],
      message: MESSAGE,
    };
    const first = await forge.ensureBranch(request);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a new commit would get a new timestamp
    const second = await forge.ensureBranch(request);
    expect(second).toEqual(first);
    expect(git(dir, "rev-list", "--count", "main..suture/abc12345-x").trim()).toBe("1");
  });

  it("replaces rather than stacks when the changes differ, keeping one commit on base", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const forge = forgeFor(dir);
    const base = { branch: "suture/abc12345-x", base: "main", message: MESSAGE };
    const first = await forge.ensureBranch({ ...base, changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }] });
    const other = USERS_BEFORE.replace("return user.name;", "return user ? user.name : null;");
    const second = await forge.ensureBranch({ ...base, changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: other }] });
    expect(second.commit).not.toBe(first.commit);
    expect(git(dir, "rev-list", "--count", "main..suture/abc12345-x").trim()).toBe("1");
    expect(git(dir, "show", "suture/abc12345-x:src/users.ts")).toBe(other);
  });

  it("rebuilds on the new base when base moved since the branch was made", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE, "a.txt": "a\n" });
    const forge = forgeFor(dir);
    const request = { branch: "suture/abc12345-x", base: "main", changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }], message: MESSAGE };
    const first = await forge.ensureBranch(request);
    const newBase = commitFiles(dir, { "a.txt": "b\n" }, "unrelated work");
    const second = await forge.ensureBranch(request);
    expect(second.commit).not.toBe(first.commit);
    expect(git(dir, "rev-parse", `${second.commit}^`).trim()).toBe(newBase);
  });

  it("refuses with STALE_BASE when a change's before does not match the file at base", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const forge = forgeFor(dir);
    const stale = forge.ensureBranch({
      branch: "suture/abc12345-x",
      base: "main",
      changes: [{ path: "src/users.ts", before: USERS_BEFORE.replace("db", "store"), after: USERS_AFTER }],
      message: MESSAGE,
    });
    expect(await codeOf(stale)).toBe("STALE_BASE");
    const createsExisting = forge.ensureBranch({
      branch: "suture/abc12345-x",
      base: "main",
      changes: [{ path: "src/users.ts", before: null, after: USERS_AFTER }],
      message: MESSAGE,
    });
    expect(await codeOf(createsExisting)).toBe("STALE_BASE");
    expect(git(dir, "branch", "--list", "suture/*").trim()).toBe("");
  });

  it("deletes a file when after is null and creates one when before is null", async () => {
    const dir = repo({ "src/old.ts": "export const old = 1;\n", "src/keep.ts": "export const keep = 1;\n" });
    const forge = forgeFor(dir);
    const result = await forge.ensureBranch({
      branch: "suture/abc12345-move",
      base: "main",
      changes: [
        { path: "src/old.ts", before: "export const old = 1;\n", after: null },
        { path: "src/new/place.ts", before: null, after: "export const old = 1;\n" },
      ],
      message: MESSAGE,
    });
    expect(await forge.listFiles(result.commit)).toEqual(["src/keep.ts", "src/new/place.ts"]);
    expect(await forge.readFile("src/old.ts", result.branch)).toBeNull();
  });

  it("keeps the executable bit of a changed file and commits the exact bytes despite autocrlf", async () => {
    const dir = repo({ "bin/run.sh": "#!/bin/sh\necho 1\n" });
    chmodSync(join(dir, "bin/run.sh"), 0o755);
    git(dir, "add", "bin/run.sh");
    git(dir, "commit", "-q", "-m", "exec");
    git(dir, "config", "core.autocrlf", "true");
    const forge = forgeFor(dir);
    const result = await forge.ensureBranch({
      branch: "suture/abc12345-exec",
      base: "main",
      changes: [{ path: "bin/run.sh", before: "#!/bin/sh\necho 1\n", after: "#!/bin/sh\r\necho 2\n" }],
      message: MESSAGE,
    });
    expect(git(dir, "ls-tree", result.commit, "bin/run.sh")).toMatch(/^100755 /);
    expect(git(dir, "cat-file", "blob", `${result.commit}:bin/run.sh`)).toBe("#!/bin/sh\r\necho 2\n");
  });

  it("does not run the user's git hooks", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const marker = join(dir, "hook-ran");
    for (const hook of ["pre-commit", "commit-msg", "post-commit", "post-checkout"]) {
      writeFileSync(join(dir, ".git/hooks", hook), `#!/bin/sh\ntouch "${marker}"\nexit 1\n`, { mode: 0o755 });
    }
    const result = await forgeFor(dir).ensureBranch({
      branch: "suture/abc12345-x",
      base: "main",
      changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }],
      message: MESSAGE,
    });
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(existsSync(marker)).toBe(false);
  });

  it("ignores GIT_DIR and GIT_INDEX_FILE inherited from a hook that started Suture", async () => {
    const dir = repo({ "README.md": "# app\n", "src/users.ts": USERS_BEFORE, "src/other.ts": "export const other = 1;\n" });
    makeUserTreeDirty(dir);
    const before = snapshotUserState(dir);
    process.env.GIT_DIR = join(dir, ".git");
    process.env.GIT_INDEX_FILE = join(dir, ".git", "index");
    try {
      const result = await forgeFor(dir).ensureBranch({
        branch: "suture/abc12345-x",
        base: "main",
        changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }],
        message: MESSAGE,
      });
      expect(git(dir, "show", `${result.commit}:src/users.ts`)).toBe(USERS_AFTER);
    } finally {
      delete process.env.GIT_DIR;
      delete process.env.GIT_INDEX_FILE;
    }
    expect(snapshotUserState(dir)).toEqual(before);
  });

  it("refuses paths outside the repository and a branch the user has checked out", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const forge = forgeFor(dir);
    for (const path of ["../escape.ts", "/etc/passwd", ".git/config", "src/../x.ts", "a\nb"]) {
      const attempt = forge.ensureBranch({ branch: "suture/abc12345-x", base: "main", changes: [{ path, before: null, after: "x" }], message: MESSAGE });
      expect(await codeOf(attempt)).toBe("INVALID_PATH");
    }
    const onMain = forge.ensureBranch({ branch: "main", base: "main", changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }], message: MESSAGE });
    expect(await codeOf(onMain)).toBe("BRANCH_CHECKED_OUT");
    const badName = forge.ensureBranch({ branch: "suture/a..b", base: "main", changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_AFTER }], message: MESSAGE });
    expect(await codeOf(badName)).toBe("INVALID_BRANCH_NAME");
    const noop = forge.ensureBranch({ branch: "suture/abc12345-x", base: "main", changes: [{ path: "src/users.ts", before: USERS_BEFORE, after: USERS_BEFORE }], message: MESSAGE });
    expect(await codeOf(noop)).toBe("EMPTY_CHANGE");
    expect(await codeOf(forge.ensureBranch({ branch: "suture/abc12345-x", base: "nope", changes: [], message: MESSAGE }))).toBe("UNKNOWN_REF");
  });
});

describe("local-git repository: reading", () => {
  it("reads a file at a past commit without checking it out", async () => {
    const dir = repo({ "src/users.ts": USERS_BEFORE });
    const first = git(dir, "rev-parse", "HEAD").trim();
    commitFiles(dir, { "src/users.ts": USERS_AFTER, "src/extra.ts": "x\n" }, "second");
    const before = snapshotUserState(dir);
    const forge = forgeFor(dir);
    expect(await forge.readFile("src/users.ts", first)).toBe(USERS_BEFORE);
    expect(await forge.readFile("src/users.ts", "main")).toBe(USERS_AFTER);
    expect(await forge.readFile("src/extra.ts", first)).toBeNull();
    expect(await forge.readFile("src", "main")).toBeNull();
    expect(await codeOf(forge.readFile("src/users.ts", "no-such-branch"))).toBe("UNKNOWN_REF");
    expect(await forge.listFiles(first)).toEqual(["src/users.ts"]);
    expect(await forge.listFiles("main")).toEqual(["src/extra.ts", "src/users.ts"]);
    expect(snapshotUserState(dir)).toEqual(before);
  });

  it("resolves branches and commits and answers null for unknown or option-like refs", async () => {
    const dir = repo({ "a.txt": "a\n" });
    const head = git(dir, "rev-parse", "HEAD").trim();
    const forge = forgeFor(dir);
    expect(await forge.resolveRef("main")).toBe(head);
    expect(await forge.resolveRef(head.slice(0, 10))).toBe(head);
    expect(await forge.resolveRef("HEAD")).toBe(head);
    expect(await forge.resolveRef("nope")).toBeNull();
    expect(await forge.resolveRef("--all")).toBeNull();
    expect(await forge.resolveRef("")).toBeNull();
  });

  it("tells a repository's top level from other directories", async () => {
    const dir = repo({ "src/a.ts": "a\n" });
    const plain = tempDir("suture-plain-");
    dirs.push(plain);
    const runner = createNodeCommandRunner();
    expect(await isGitRepository(dir, runner)).toBe(true);
    expect(await isGitRepository(join(dir, "src"), runner)).toBe(false);
    expect(await isGitRepository(plain, runner)).toBe(false);
    expect(await isGitRepository(join(plain, "missing"), runner)).toBe(false);
  });

  it("cleanup removes worktrees Suture left behind and keeps the user's", async () => {
    const dir = repo({ "a.txt": "a\n" });
    const forge = forgeFor(dir);
    const root = defaultWorktreeRoot(realpathSync(join(dir, ".git")));
    const leftover = join(root, "validate-crashed");
    git(dir, "worktree", "add", "--detach", leftover, "main");
    const userWorktree = tempDir("suture-user-wt-");
    dirs.push(userWorktree);
    removeDir(userWorktree);
    git(dir, "worktree", "add", "-q", "-b", "feature", userWorktree);
    await forge.cleanup();
    const list = git(dir, "worktree", "list", "--porcelain");
    expect(list).not.toContain("validate-crashed");
    expect(list).toContain(userWorktree);
    expect(existsSync(root)).toBe(false);
    expect(readdirSync(dir)).toContain("a.txt");
  });
});
