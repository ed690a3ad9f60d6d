import { describe, expect, it } from "vitest";
import { githubForgeResolver, parseGithubRepo } from "../../src/cycles/github-projects.ts";

describe("GitHub projects", () => {
  it("recognises owner/name repositories and nothing else", () => {
    expect(parseGithubRepo("shop-team/shop-api")).toEqual({ owner: "shop-team", repo: "shop-api" });
    expect(parseGithubRepo("acme/web.app_v2")).toEqual({ owner: "acme", repo: "web.app_v2" });
    for (const repo of [null, "", "/srv/app", "./app", "a/b/c", "-bad/name", "owner/", "https://github.com/a/b", "owner/na me"]) {
      expect(parseGithubRepo(repo), String(repo)).toBeNull();
    }
  });

  it("gives owner/name projects a GitHub forge and leaves local ones to the next resolver", async () => {
    const resolve = githubForgeResolver({ token: "test-token", apiUrl: "http://127.0.0.1:1" });
    const github = await resolve({ id: "p1", repo: "shop-team/shop-api", default_branch: "trunk" });
    expect(github?.baseBranch).toBe("trunk");
    expect(github?.github?.kind).toBe("github");
    expect(await resolve({ id: "p2", repo: "/srv/app", default_branch: "main" })).toBeNull();
  });
});
