// What a repository path is, for everything that takes one from a generated fix (the guard, the
// model fixer, both forges): a plain repo-relative POSIX path that stays inside the working tree
// and out of .git. Paths from fixes are untrusted; these rules also keep them safe on git's
// line-based stdin protocols and on Windows checkouts.

const MAX_PATH_LENGTH = 4_096;

/** Why a string is not a repository path, said of the path ("is absolute; ..."), or null. */
export function repoPathProblem(path: string): string | null {
  if (path.length === 0) return "is empty";
  if (path.length > MAX_PATH_LENGTH) return "is longer than 4,096 characters";
  if (/[\p{Cc}\u2028\u2029]/u.test(path)) return "contains control characters";
  if (path.includes("\\")) return "uses backslashes; paths must be POSIX and repo-relative";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute; paths must be repo-relative";
  const segments = path.split("/");
  if (segments.some((s) => s === "..")) return "leaves the repository (..)";
  if (segments.some((s) => s === "" || s === ".")) return "is not normalized";
  if (segments.some((s) => s.toLowerCase() === ".git")) return "is inside .git";
  return null;
}
