import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { createProjectForges, ForgeUnavailableError, type ProjectForgesOptions } from "../../src/deliver/project-forges.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

describe("project forges", () => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let plainDir: string;
  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    repo = createExampleRepo();
    plainDir = mkdtempSync(join(tmpdir(), "suture-plain-"));
  });
  afterAll(async () => {
    repo?.remove();
    rmSync(plainDir, { recursive: true, force: true });
    await db?.drop();
  });

  const runner = createNodeCommandRunner();
  const forges = (options: Partial<ProjectForgesOptions> = {}) => createProjectForges({ sql: db.sql, runner, allowMerge: false, ...options });

  it("heals a project in a local git repository through the local git forge, once per run", async () => {
    const session = forges();
    try {
      const project = { id: "p1", repo: repo.dir, default_branch: "main" };
      const forge = await session.forgeFor(project);
      expect(forge.baseBranch).toBe("main");
      expect(await forge.forge.readFile("package.json", "v1.4.2")).toContain("shop-api");
      // Its proposals are recorded in the database: none exists for an unknown mission.
      expect(await forge.forge.follow({ missionId: "00000000-0000-4000-8000-000000000000", needsApproval: true, testCommand: null }))
        .toEqual({ kind: "waiting", reason: "No proposal is recorded for this mission yet." });
      expect(await session.forgeFor(project)).toBe(forge);
    } finally {
      await session.close();
    }
  });

  it("falls back to the checked-out branch when the project's default branch does not exist", async () => {
    const session = forges();
    try {
      const forge = await session.forgeFor({ id: "p2", repo: repo.dir, default_branch: "production" });
      expect(forge.baseBranch).toBe("main");
    } finally {
      await session.close();
    }
  });

  it("asks another forge first and uses its answer", async () => {
    const session = forges({
      resolve: async (project) => (project.repo === "acme/shop" ? { forge: {} as never, baseBranch: "trunk" } : null),
    });
    expect((await session.forgeFor({ id: "p3", repo: "acme/shop", default_branch: "main" })).baseBranch).toBe("trunk");
  });

  it("refuses, with what to do next, a project this runner cannot reach", async () => {
    const hosted = forges({ runner: null });
    const local = forges();
    const cases: Array<[Promise<unknown>, string]> = [
      [hosted.forgeFor({ id: "p4", repo: "acme/shop", default_branch: "main" }),
        "project p4 uses the repository acme/shop, and this runner has no GITHUB_TOKEN (set it with: supabase secrets set GITHUB_TOKEN=...); its missions wait until it does"],
      [hosted.forgeFor({ id: "p5", repo: null, default_branch: "main" }),
        "project p5 has no repository configured; set healing.projects.repo so Suture can read the code and propose fixes"],
      [hosted.forgeFor({ id: "p6", repo: repo.dir, default_branch: "main" }),
        `project p6 points at the local directory ${repo.dir}, which this runner cannot use (no git here); heal it with \`suture dev\` or \`suture replay\` on that machine`],
      [local.forgeFor({ id: "p7", repo: plainDir, default_branch: "main" }),
        `project p7 points at ${plainDir}, which is not a git repository on this machine; fix healing.projects.repo`],
    ];
    for (const [attempt, message] of cases) {
      const error = await attempt.catch((thrown) => thrown);
      expect(error).toBeInstanceOf(ForgeUnavailableError);
      expect(error).toMatchObject({ code: "FORGE_UNAVAILABLE", message });
    }
  });
});
