import { repoPathProblem } from "../../core/repo-path.ts";
import { LocalGitError } from "./errors.ts";

// The forges accept only repository paths (src/core/repo-path.ts owns the rule).

export { repoPathProblem };

export function checkRepoPath(path: string): string {
  const problem = repoPathProblem(path);
  if (problem) throw new LocalGitError("INVALID_PATH", `Refusing path ${JSON.stringify(path)}: it ${problem}.`);
  return path;
}
