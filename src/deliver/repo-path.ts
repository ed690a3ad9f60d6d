// FileChange paths come from generated fixes; treat them as untrusted. Every forge accepts only
// plain repo-relative POSIX paths, which also keeps them safe on git's line-based stdin protocols.

/** Why a path is refused, or null for a plain repo-relative POSIX path. */
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
