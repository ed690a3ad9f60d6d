import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, lstatSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Real repositories in temp dirs for the local-git forge tests. The test's own git calls use a
// fixed identity and never refresh the index (GIT_OPTIONAL_LOCKS=0), so snapshots compare bytes.

const FIXTURE_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "Dev",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Dev",
  GIT_COMMITTER_EMAIL: "dev@example.com",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_CONFIG_NOSYSTEM: "1",
};

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "commit.gpgsign=false", ...args], { cwd: dir, env: FIXTURE_ENV, encoding: "utf8" });
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export function readText(dir: string, path: string): string {
  return readFileSync(join(dir, path), "utf8");
}

/** `git init -b main` with the given files in one initial commit. */
export function createRepo(files: Record<string, string>): string {
  const dir = tempDir("suture-forge-");
  git(dir, "init", "-q", "-b", "main");
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

export function commitFiles(dir: string, files: Record<string, string>, message: string): string {
  writeFiles(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD").trim();
}

export interface UserState {
  head: string;
  symbolicHead: string;
  status: string;
  diff: string;
  cached: string;
  indexHash: string;
  files: Record<string, string>;
  worktrees: string;
}

/** Everything of the user's checkout a forge must never change, down to the index file's bytes. */
export function snapshotUserState(dir: string): UserState {
  return {
    head: git(dir, "rev-parse", "HEAD"),
    symbolicHead: git(dir, "symbolic-ref", "-q", "HEAD"),
    status: git(dir, "status", "--porcelain=v1", "--untracked-files=all"),
    diff: git(dir, "diff"),
    cached: git(dir, "diff", "--cached"),
    indexHash: sha256(readFileSync(join(dir, ".git", "index"))),
    files: hashTree(dir),
    worktrees: git(dir, "worktree", "list", "--porcelain"),
  };
}

function hashTree(root: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(root, prefix))) {
    if (prefix === "" && name === ".git") continue;
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = lstatSync(join(root, rel));
    if (stat.isDirectory()) Object.assign(out, hashTree(root, rel));
    else out[rel] = `${stat.mode.toString(8)}:${sha256(readFileSync(join(root, rel)))}`;
  }
  return out;
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
