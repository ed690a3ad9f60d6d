import { describe, expect, it } from "vitest";
import { repoPathProblem } from "../../src/deliver/repo-path.ts";

describe("repoPathProblem", () => {
  it("accepts plain repo-relative paths", () => {
    for (const path of ["src/users.ts", "a", ".github/workflows/ci.yml", "src/[id]/route.ts", "weird name.ts", "src/.gitkeep"]) {
      expect(repoPathProblem(path)).toBeNull();
    }
  });

  it("rejects paths that leave the repository or reach into .git", () => {
    for (const path of ["", "/etc/passwd", "../x", "src/../../x", "./src/a.ts", "src//a.ts", "src/", ".git/config", "sub/.GIT/hooks/pre-commit", "a\\b", "a\nb", "a\tb"]) {
      expect(repoPathProblem(path)).not.toBeNull();
    }
  });
});
