// Makes the copy of an evaluation app that a healer sees: every file but `.eval/` and
// `node_modules/`, in a fresh git repository with one commit tagged with the manifest's release,
// and the shared node_modules linked in (untracked, listed in .git/info/exclude).
//
// The commit has a fixed author and date, so the same app always gives the same commit id.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, cp, mkdir, readdir, symlink } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const TOOLS_DIR = dirname(fileURLToPath(import.meta.url));
/** eval/node_modules: the dependencies every app shares. */
export const SHARED_NODE_MODULES = resolve(TOOLS_DIR, "..", "node_modules");

const COMMIT_DATE = "2026-11-01T09:00:00Z";
const AUTHOR = { name: "Release Bot", email: "release-bot@example.com" };

/**
 * Copies `appDir` to `dest` (which must not exist or be empty), leaving out `node_modules/` and
 * `.git/` at any depth and, unless `skipEval` is false, `.eval/` at the top.
 */
export async function copyTree(appDir, dest, { skipEval = true } = {}) {
  const root = resolve(appDir);
  await mkdir(dest, { recursive: true });
  const leftovers = await readdir(dest);
  if (leftovers.length > 0) throw new Error(`${dest} is not empty`);
  await cp(root, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter(source) {
      const rel = relative(root, source);
      if (rel === "") return true;
      const parts = rel.split(sep);
      if (skipEval && parts[0] === ".eval") return false;
      return !parts.includes("node_modules") && !parts.includes(".git");
    },
  });
}

/** Links the shared node_modules into `dir` as `node_modules`. */
export async function linkNodeModules(dir, nodeModules = SHARED_NODE_MODULES) {
  if (!existsSync(nodeModules)) {
    throw new Error(`${nodeModules} does not exist; run \`npm install\` in ${dirname(nodeModules)} first`);
  }
  await symlink(nodeModules, join(dir, "node_modules"), "dir");
}

/** The release named in an app's manifest, or null when the manifest cannot say. */
export function releaseOf(appDir) {
  try {
    const manifest = JSON.parse(readFileSync(join(appDir, ".eval", "manifest.json"), "utf8"));
    return typeof manifest.release === "string" && manifest.release ? manifest.release : null;
  } catch {
    return null;
  }
}

function git(dir, args) {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: AUTHOR.name,
      GIT_AUTHOR_EMAIL: AUTHOR.email,
      GIT_COMMITTER_NAME: AUTHOR.name,
      GIT_COMMITTER_EMAIL: AUTHOR.email,
      GIT_AUTHOR_DATE: COMMIT_DATE,
      GIT_COMMITTER_DATE: COMMIT_DATE,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
    },
  }).trim();
}

/**
 * The healer's copy: `{ dir, commit, tag }`. `release` defaults to the manifest's release.
 * `nodeModules` is the folder linked in (default: eval/node_modules); `false` links nothing.
 */
export async function copyApp(appDir, dest, { release = releaseOf(appDir), nodeModules = SHARED_NODE_MODULES } = {}) {
  if (!release) throw new Error(`${appDir}: no release (pass one, or give the app a .eval/manifest.json with "release")`);
  const dir = resolve(dest);
  await copyTree(appDir, dir);
  git(dir, ["init", "--quiet", "--initial-branch=main"]);
  git(dir, ["config", "user.name", AUTHOR.name]);
  git(dir, ["config", "user.email", AUTHOR.email]);
  git(dir, ["config", "commit.gpgsign", "false"]);
  git(dir, ["add", "--all"]);
  git(dir, ["commit", "--quiet", "--no-verify", "-m", `Release ${release}`]);
  git(dir, ["tag", release]);
  if (nodeModules !== false) {
    await linkNodeModules(dir, nodeModules);
    await appendFile(join(dir, ".git", "info", "exclude"), "node_modules\n");
  }
  return { dir, commit: git(dir, ["rev-parse", "HEAD"]), tag: release };
}

/** Applies a unified diff with `git apply` in `dir`; throws with git's message when it does not apply. */
export function applyPatch(dir, patchFile) {
  try {
    execFileSync("git", ["apply", "--whitespace=nowarn", resolve(patchFile)], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`${patchFile} does not apply: ${String(error.stderr || error.message).trim()}`);
  }
}
