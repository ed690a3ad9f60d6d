import { describe, expect, it } from "vitest";
import { githubForgeResolver } from "../../src/cycles/github-projects.ts";

describe("GitHub projects", () => {
  it("gives owner/name projects a GitHub forge and leaves local ones to the next resolver", async () => {
    const resolve = githubForgeResolver({ token: "test-token", apiUrl: "http://127.0.0.1:1" });
    const github = await resolve({ id: "p1", repo: "shop-team/shop-api", default_branch: "trunk" });
    expect(github?.baseBranch).toBe("trunk");
    expect(github?.github?.kind).toBe("github");
    expect(await resolve({ id: "p2", repo: "/srv/app", default_branch: "main" })).toBeNull();
  });

  it("gives a project saved as a GitHub URL the same GitHub forge as one saved as owner/name", async () => {
    const resolve = githubForgeResolver({ token: "test-token", apiUrl: "http://127.0.0.1:1" });
    for (const repo of ["https://github.com/shop-team/shop-api.git", "git@github.com:shop-team/shop-api.git", "https://github.com/Shop-Team/shop-api/"]) {
      const forge = await resolve({ id: "p3", repo, default_branch: "main" });
      expect(forge?.github, repo).toMatchObject({ kind: "github", owner: expect.stringMatching(/^shop-team$/i), repo: "shop-api" });
    }
  });
});
