import { describe, expect, it } from "vitest";
import { normalizeRepository, parseGithubRepository, sameGithubRepository } from "../../src/core/repository-identity.ts";

describe("repository identity", () => {
  it("reads owner/name from every way people write a GitHub repository", () => {
    for (const repo of [
      "shop-team/shop-api",
      "shop-team/shop-api.git",
      "https://github.com/shop-team/shop-api",
      "https://github.com/shop-team/shop-api.git",
      "http://github.com/shop-team/shop-api/",
      "HTTPS://GitHub.com/shop-team/shop-api.git/",
      "git@github.com:shop-team/shop-api.git",
      "ssh://git@github.com/shop-team/shop-api.git",
      "  shop-team/shop-api  ",
    ]) {
      expect(parseGithubRepository(repo), repo).toEqual({ owner: "shop-team", name: "shop-api", fullName: "shop-team/shop-api" });
    }
    expect(parseGithubRepository("acme/web.app_v2")).toEqual({ owner: "acme", name: "web.app_v2", fullName: "acme/web.app_v2" });
  });

  it("is not fooled by local paths, other hosts or malformed names", () => {
    for (const repo of [null, undefined, "", "/srv/app", "./app", "../app", "a/b/c", "-bad/name", "owner/", "owner/na me", "owner/..",
      "https://gitlab.com/a/b", "https://github.com/a/b/c", "https://github.com.evil.example/a/b", "C:\\work\\app", `a/${"b".repeat(400)}`]) {
      expect(parseGithubRepository(repo), String(repo)).toBeNull();
    }
  });

  it("stores GitHub repositories as owner/name and keeps anything else as written", () => {
    expect(normalizeRepository("https://github.com/Acme/Shop.git")).toBe("Acme/Shop");
    expect(normalizeRepository("/srv/shop-api")).toBe("/srv/shop-api");
    expect(normalizeRepository(null)).toBeNull();
  });

  it("compares two spellings case-insensitively, as GitHub does", () => {
    expect(sameGithubRepository("git@github.com:Acme/Shop.git", "acme/shop")).toBe(true);
    expect(sameGithubRepository("acme/shop", "acme/shop-api")).toBe(false);
    expect(sameGithubRepository("/srv/acme/shop", "acme/shop")).toBe(false);
  });
});
