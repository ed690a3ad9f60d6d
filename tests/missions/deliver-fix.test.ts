import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents, runReplayCycles, type ReplayOptions } from "../../src/cycles/replay.ts";
import type { ProjectForge } from "../../src/deliver/forge.ts";
import { createGithubForge } from "../../src/deliver/github/github-forge.ts";
import { createGithubRepository } from "../../src/deliver/github/github-repository.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { decideProposal } from "../../src/missions/decide-proposal.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createExampleRepo } from "../support/example-repo.ts";
import { startGithubApiServer } from "../support/github-api-server.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// One mission code path, whatever the forge: the same incident healed through a local git
// repository and through GitHub (the local API server) goes through the same states and leaves
// the same audit trail. Only how a person says yes or no differs: `suture approve|reject` (the
// decision recorded in the database) or a review on the pull request.

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "shop-api");
const INCIDENTS = /formatPrice is not defined|Assignment to constant/;
/** The person-decision events the CLI records locally; on GitHub the review is on GitHub. */
const DECISION_EVENTS = new Set(["fix.approved", "fix.declined"]);

interface Mission {
  id: string;
  state: string;
  branch: string | null;
  commit_sha: string | null;
  decision_reason: string | null;
  fix: { changes: Array<{ path: string; after: string | null }> } | null;
  message: string;
}

interface ForgeUnderTest {
  name: string;
  /** The project's repo, forge and test command (checks that run here, or none: CI runs them). */
  open(db: TestDatabase): Promise<{ repo: string; forge: ProjectForge; testCommand: string | null }>;
  /** The repository's CI passes on each fix (nothing to do where the checks run locally). */
  passChecks(missions: Mission[]): void;
  approve(db: TestDatabase, mission: Mission, by: string): Promise<void>;
  reject(db: TestDatabase, mission: Mission, by: string, reason: string): Promise<void>;
  fileOnBase(path: string): string | null;
  close(): Promise<void>;
}

function localGit(): ForgeUnderTest {
  const repo = createExampleRepo();
  const repository = createLocalGitRepository({ repoDir: repo.dir, runner: createNodeCommandRunner() });
  return {
    name: "local git",
    async open(db) {
      return { repo: repo.dir, forge: { forge: createLocalGitForge({ repository, sql: db.sql, allowMerge: false }), baseBranch: "main" }, testCommand: "npm test --silent" };
    },
    passChecks() {},
    async approve(db, mission, by) {
      await decideProposal(db.sql, { missionId: mission.id, decision: "approved", by, reason: null, at: new Date() });
    },
    async reject(db, mission, by, reason) {
      await decideProposal(db.sql, { missionId: mission.id, decision: "rejected", by, reason, at: new Date() });
    },
    fileOnBase(path) {
      try {
        return repo.git("show", `main:${path}`);
      } catch {
        return null;
      }
    },
    async close() {
      await repository.cleanup();
      repo.remove();
    },
  };
}

function github(): ForgeUnderTest {
  const owner = "shop-team";
  const name = "shop-api";
  let server: Awaited<ReturnType<typeof startGithubApiServer>>;
  const pullOf = (mission: Mission) => server.pulls(owner, name).find((pull) => pull.head === mission.branch)!;
  return {
    name: "GitHub",
    async open(db) {
      server = await startGithubApiServer();
      server.createRepo(owner, name, exampleFiles());
      const repository = createGithubRepository({
        owner,
        repo: name,
        token: server.token,
        baseUrl: server.url,
        retry: { retryAfterBaseValueMs: 1 },
        throttle: { retryAfterBaseValueMs: 1, writeSpacingMs: 0 },
      });
      return { repo: `${owner}/${name}`, forge: { forge: createGithubForge({ repository, sql: db.sql }), baseBranch: "main" }, testCommand: null };
    },
    passChecks(missions) {
      for (const mission of missions) server.addCheckRun(owner, name, mission.commit_sha!, { name: "test", status: "completed", conclusion: "success" });
    },
    async approve(_db, mission, by) {
      server.addReview(owner, name, pullOf(mission).number, { user: by, state: "APPROVED" });
    },
    async reject(_db, mission, by) {
      server.addReview(owner, name, pullOf(mission).number, { user: by, state: "CHANGES_REQUESTED" });
    },
    fileOnBase(path) {
      return server.fileAt(owner, name, "main", path);
    },
    async close() {
      await server?.close();
    },
  };
}

function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry === "node_modules" || entry === "incident") continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(EXAMPLE, path)] = readFileSync(path, "utf8");
    }
  };
  walk(EXAMPLE);
  return files;
}

const trails = new Map<string, { approved: string[]; rejected: string[] }>();

describe.each([
  { name: "local git", make: localGit },
  { name: "GitHub", make: github },
])("a proposed fix through the $name forge", ({ make }) => {
  const forge = make();
  let db: TestDatabase;
  let projectId: string;
  let options: ReplayOptions;
  let clock: Date;

  async function tick(): Promise<void> {
    // Missions waiting on checks or a person are due again after a minute; the test is that minute.
    await db.sql.query(`update healing.auto_fixes set next_attempt_at = now() where project_id = $1`, [projectId]);
    await runReplayCycles(options, clock);
  }

  async function missions(): Promise<Mission[]> {
    return db.sql.query<Mission>(
      `select m.id, m.state, m.branch, m.commit_sha, m.decision_reason, m.fix, d.normalized_message as message
         from healing.auto_fixes m join healing.detected_errors d on d.id = m.detected_error_id
        where m.project_id = $1 order by m.created_at`,
      [projectId],
    );
  }

  afterAll(async () => {
    await forge.close();
    await db?.drop();
  });

  it("proposes each fix once its checks pass, then waits for a person", async () => {
    db = await createTestDatabase("pglite");
    const opened = await forge.open(db);
    projectId = (await createProject(db.sql, { name: "shop", repo: opened.repo, autonomyLevel: 1 })).project.id;
    options = {
      sql: db.sql,
      projectId,
      forge: opened.forge,
      logger: silentLogger,
      settingsOverride: (settings) => ({ ...settings, testCommand: opened.testCommand }),
    };
    const lines = readFileSync(join(EXAMPLE, "incident", "events.jsonl"), "utf8").split("\n").filter((line) => INCIDENTS.test(line));
    clock = (await ingestReplayEvents(db.sql, projectId, lines.join("\n"))).clock!;
    await runReplayCycles(options, clock);
    forge.passChecks((await missions()).filter((mission) => mission.commit_sha));
    await tick();
    const proposed = await missions();
    expect(proposed.map((mission) => mission.state)).toEqual(["proposed", "proposed"]);
    // Proposed means waiting for a person: another tick changes nothing.
    await tick();
    expect((await missions()).map((mission) => mission.state)).toEqual(["proposed", "proposed"]);
  }, 240_000);

  it("merges the fix a person approves and ends the one a person rejects", async () => {
    const all = await missions();
    const yes = all.find((mission) => mission.message.includes("formatPrice"))!;
    const no = all.find((mission) => mission.message.includes("Assignment"))!;
    await forge.approve(db, yes, "alice");
    await forge.reject(db, no, "bob", "the binding should stay const");
    expect(await options.forge.forge.decision(yes.id)).toEqual({ kind: "approved", by: ["alice"] });
    expect(await options.forge.forge.decision(no.id)).toMatchObject({ kind: "rejected", by: ["bob"], reason: expect.stringContaining("bob") });
    await tick();

    const after = await missions();
    const merged = after.find((mission) => mission.id === yes.id)!;
    expect(merged.state).toBe("watching");
    for (const change of merged.fix!.changes) expect(forge.fileOnBase(change.path)).toBe(change.after);
    const ended = after.find((mission) => mission.id === no.id)!;
    expect(ended.state).toBe("rejected");
    expect(ended.decision_reason).toContain("bob");

    const kinds = async (id: string) =>
      (await db.sql.query<{ kind: string }>(`select kind from healing.healing_events where mission_id = $1 order by id`, [id]))
        .map((event) => event.kind)
        .filter((kind) => !DECISION_EVENTS.has(kind));
    trails.set(forge.name, { approved: await kinds(yes.id), rejected: await kinds(no.id) });
  }, 240_000);
});

describe("one mission code path", () => {
  it("leaves the same audit trail through either forge", () => {
    const local = trails.get("local git");
    const remote = trails.get("GitHub");
    expect(local?.approved).toEqual(["mission.detected", "mission.diagnosing", "mission.diagnosed", "fix.branch_created", "fix.proposal_opened",
      "validation.passed", "fix.proposed", "fix.merged", "monitor.watching"]);
    expect(remote).toEqual(local);
  });
});
