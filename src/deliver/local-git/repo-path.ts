import { LocalGitError } from "./errors.ts";

// FileChange paths come from generated fixes; treat them as untrusted. Only plain repo-relative
// POSIX paths are accepted, which also keeps them safe on git's line-based stdin protocols.

export function checkRepoPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new LocalGitError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: ${problem}.`);
  return path;
}

export function repoPathProblem(path: string): string | null {
  if (path.length === 0) return "it is empty";
  if (path.length > 4_096) return "it is longer than 4,096 characters";
  if (/[\p{Cc}\u2028\u2029]/u.test(path)) return "it contains control characters";
  if (path.startsWith("/")) return "it is absolute; use a repo-relative path";
  if (path.includes("\\")) return "it contains a backslash; use POSIX separators";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "it has an empty, '.' or '..' segment";
  if (segments.some((s) => s.toLowerCase() === ".git")) return "it points into .git";
  return null;
}
