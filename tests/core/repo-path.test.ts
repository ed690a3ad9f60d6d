import { describe, expect, it } from "vitest";
import { repoPathProblem } from "../../src/core/repo-path.ts";
import { checkRepoPath } from "../../src/deliver/local-git/git-objects.ts";
import { outsideRepoProblem } from "../../src/fix/guard/fix-paths.ts";

// Which strings are repository paths is one rule: the guard refuses to let a fix write what the
// forges would refuse to read or commit, and the other way round.

const ACCEPTED = ["src/users.ts", "a", ".github/workflows/ci.yml", "src/[id]/route.ts", "weird name.ts", "src/.gitkeep"];
const REFUSED = [
  "",
  "/etc/passwd",
  "../x",
  "src/../../x",
  "./src/a.ts",
  "src//a.ts",
  "src/",
  ".git/config",
  "sub/.GIT/hooks/pre-commit",
  "a\\b",
  "a\nb",
  "a\tb",
  "C:/repo/a.ts",
  "c:relative.ts",
  "src/a\u2028b.ts",
  "src/a\u0085b.ts",
  `src/${"a".repeat(5_000)}.ts`,
];
const label = (path: string) => (path.length > 60 ? `${path.slice(0, 12)}… (${path.length} characters)` : JSON.stringify(path));

describe("repoPathProblem", () => {
  it("accepts plain repo-relative paths", () => {
    for (const path of ACCEPTED) expect(repoPathProblem(path)).toBeNull();
  });

  it("rejects paths that leave the repository, reach into .git or would not survive git's line protocols", () => {
    for (const path of REFUSED) expect(repoPathProblem(path), label(path)).not.toBeNull();
  });
});

describe("one rule for the guard and the forges", () => {
  it.each([...ACCEPTED, ...REFUSED].map((path) => [label(path), path]))("agree on %s", (_label, path) => {
    const forgeRefuses = (() => {
      try {
        checkRepoPath(path);
        return false;
      } catch (error) {
        expect(String(error)).toMatch(/Refusing path/);
        return true;
      }
    })();
    expect(outsideRepoProblem(path) !== null).toBe(forgeRefuses);
  });

  it("lets a fix write no third-party code, though node_modules paths are repository paths", () => {
    expect(repoPathProblem("node_modules/express/index.js")).toBeNull();
    expect(outsideRepoProblem("node_modules/express/index.js")).toMatch(/node_modules/);
    expect(outsideRepoProblem("packages/x/node_modules/y/z.js")).toMatch(/node_modules/);
  });
});
