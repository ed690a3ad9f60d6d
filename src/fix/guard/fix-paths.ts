import { matchesGlob } from "../../core/glob.ts";
import { repoPathProblem } from "../../core/repo-path.ts";

// Which paths a fix may write: repository paths (src/core/repo-path.ts) outside node_modules, and,
// among test paths, only new files.

/** Paths that hold tests: a fix may add a test file but never edit or delete one to make CI pass. */
const TEST_PATH_GLOBS: readonly string[] = [
  "**/*.test.*",
  "**/*.spec.*",
  "**/*_test.*",
  "**/*.snap",
  "**/__tests__/**",
  "**/__snapshots__/**",
  "**/tests/**",
  "**/test/**",
];

export function isTestPath(path: string): boolean {
  return TEST_PATH_GLOBS.some((glob) => matchesGlob(path, glob));
}

/** Why a fix may not write a path, or null: it must be a repository path, and not third-party code. */
export function outsideRepoProblem(path: string): string | null {
  const problem = repoPathProblem(path);
  if (problem) return problem;
  if (path.split("/").some((s) => s.toLowerCase() === "node_modules")) return "is inside node_modules; third-party code is not patched";
  return null;
}
