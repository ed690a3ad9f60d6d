import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubForgeResolver } from "../../src/deliver/github-projects.ts";
import { type GithubApiServer, startGithubApiServer } from "../support/github-api-server.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("GitHub projects", () => {
  let db: TestDatabase;
  let server: GithubApiServer;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    server = await startGithubApiServer();
    server.createRepo("shop-team", "shop-api", { "README.md": "# shop-api\n" });
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("gives owner/name projects a GitHub forge and leaves local ones to the next resolver", async () => {
    const resolve = githubForgeResolver({ sql: db.sql, token: server.token, apiUrl: server.url });
    const github = await resolve({ id: "p1", repo: "shop-team/shop-api", default_branch: "trunk" });
    expect(github?.baseBranch).toBe("trunk");
    expect(await github?.forge.readFile("README.md", "main")).toBe("# shop-api\n");
    expect(await resolve({ id: "p2", repo: "/srv/app", default_branch: "main" })).toBeNull();
  });

  it("gives a project saved as a GitHub URL the same GitHub forge as one saved as owner/name", async () => {
    const resolve = githubForgeResolver({ sql: db.sql, token: server.token, apiUrl: server.url });
    for (const repo of ["https://github.com/shop-team/shop-api.git", "git@github.com:shop-team/shop-api.git", "https://github.com/shop-team/shop-api/"]) {
      const forge = await resolve({ id: "p3", repo, default_branch: "main" });
      expect(await forge?.forge.readFile("README.md", "main"), repo).toBe("# shop-api\n");
    }
  });
});
