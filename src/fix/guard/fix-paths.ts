import { matchesGlob } from "../../core/glob.ts";

// Which paths a fix may write: repo-relative ones outside node_modules and .git, and, among test
// paths, only new files.

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

/** Why a path may not be written by a fix, or null when it is a normal repo-relative path. */
export function outsideRepoProblem(path: string): string | null {
  if (path.length === 0) return "is empty";
  if (/[\u0000-\u001f\u007f]/.test(path)) return "contains control characters";
  if (path.includes("\\")) return "uses backslashes; paths must be POSIX and repo-relative";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute; paths must be repo-relative";
  const segments = path.split("/");
  if (segments.some((s) => s === "..")) return "leaves the repository (..)";
  if (segments.some((s) => s === "" || s === ".")) return "is not normalized";
  const lower = segments.map((s) => s.toLowerCase());
  if (lower.includes("node_modules")) return "is inside node_modules; third-party code is not patched";
  if (lower.includes(".git")) return "is inside .git";
  return null;
}
