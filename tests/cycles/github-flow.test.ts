import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents, replayMissions, runReplayCycles, type ReplayOptions } from "../../src/cycles/replay.ts";
import { createGithubForge } from "../../src/deliver/github/github-forge.ts";
import { createGithubRepository, type GithubRepository } from "../../src/deliver/github/github-repository.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { type GithubApiServer, startGithubApiServer } from "../support/github-api-server.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The healing loop with GitHub as the output channel: fixes arrive as pull requests, the repo's
// checks are the validation, a person's review is the approval, and protection is never bypassed.

const OWNER = "shop-team";
const REPO = "shop-api";
const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "shop-api");

function exampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === "node_modules" || name === "incident") continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(EXAMPLE, path)] = readFileSync(path, "utf8");
    }
  };
  walk(EXAMPLE);
  return files;
}

describe("healing loop through GitHub pull requests", () => {
  let db: TestDatabase;
  let server: GithubApiServer;
  let github: GithubRepository;
  let options: ReplayOptions;
  let projectId: string;
  let clock: Date;

  async function tick(): Promise<void> {
    // Missions waiting on checks or reviews are due again after a minute; the test is that minute.
    await db.sql.query(`update healing.auto_fixes set next_attempt_at = now() where project_id = $1`, [projectId]);
    await runReplayCycles(options, clock);
  }

  function pullFor(branch: string) {
    return server.pulls(OWNER, REPO).find((pull) => pull.head === branch)!;
  }

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    server = await startGithubApiServer();
    server.createRepo(OWNER, REPO, exampleFiles());
    server.protectBranch(OWNER, REPO, "main", { requiredChecks: ["test"] });
    github = createGithubRepository({
      owner: OWNER,
      repo: REPO,
      token: server.token,
      baseUrl: server.url,
      retry: { retryAfterBaseValueMs: 1 },
      throttle: { retryAfterBaseValueMs: 1, writeSpacingMs: 0 },
    });
    projectId = (await createProject(db.sql, { name: "shop", repo: `${OWNER}/${REPO}`, autonomyLevel: 2 })).project.id;
    options = {
      sql: db.sql,
      projectId,
      forge: { forge: createGithubForge({ repository: github, sql: db.sql }), baseBranch: "main" },
      logger: silentLogger,
      settingsOverride: (settings) => ({ ...settings, reviewers: ["alice"] }),
    };
    const incident = await ingestReplayEvents(db.sql, projectId, readFileSync(join(EXAMPLE, "incident", "events.jsonl"), "utf8"));
    clock = incident.clock!;
    await runReplayCycles(options, clock);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it("opens one draft pull request per fix and waits while checks run", async () => {
    const missions = await replayMissions(db.sql, projectId);
    const withFix = missions.filter((m) => m.fix);
    expect(withFix.length).toBeGreaterThanOrEqual(4);
    for (const mission of withFix) {
      expect(mission.state).toBe("validating");
      const pull = pullFor(mission.fix!.branch);
      expect(pull).toMatchObject({ state: "open", draft: true, base: "main" });
      expect(pull.labels).toEqual(expect.arrayContaining(["suture", `severity:${mission.severity}`]));
      expect(pull.body).toContain(`suture:mission=${mission.mission_id}`);
      expect(pull.requested_reviewers).toEqual(["alice"]);
    }
    // Re-running changes nothing: still one pull request per branch.
    await tick();
    for (const mission of withFix) expect(server.pulls(OWNER, REPO).filter((pull) => pull.head === mission.fix!.branch)).toHaveLength(1);
  });

  it("merges green P2 fixes the policy allows, and proposes the rest for review", async () => {
    const missions = await replayMissions(db.sql, projectId);
    const failing = missions.find((m) => m.message.includes("tags.map"))!;
    for (const mission of missions.filter((m) => m.fix)) {
      const conclusion = mission === failing ? "failure" : "success";
      server.addCheckRun(OWNER, REPO, mission.fix!.commit, { name: "test", status: "completed", conclusion, title: `${conclusion}`, summary: "1 test failed: products › rejects bad tags" });
    }
    await tick();
    const after = await replayMissions(db.sql, projectId);
    // Failing checks are a failed validation: with no other candidate left, a person takes over.
    const failed = after.find((m) => m.mission_id === failing.mission_id)!;
    expect(failed).toMatchObject({ state: "needs_human", validation: { command: "GitHub checks", passed: false } });
    const merged = after.filter((m) => m.state === "watching");
    const proposed = after.filter((m) => m.state === "proposed");
    expect(merged.length).toBeGreaterThanOrEqual(2);
    expect(proposed.length).toBeGreaterThanOrEqual(1);
    for (const mission of merged) {
      expect(mission.decision).toBe("auto_apply");
      expect(pullFor(mission.fix!.branch).merged).toBe(true);
    }
    for (const mission of proposed) {
      const pull = pullFor(mission.fix!.branch);
      expect(pull).toMatchObject({ state: "open", draft: false, merged: false });
      expect(pull.body).toContain(`**${mission.decision.replace("_", " ")}**`);
    }
  });

  it("merges a proposed fix once a person approves it, and rejects one whose reviewer asks for changes", async () => {
    const proposed = (await replayMissions(db.sql, projectId)).filter((m) => m.state === "proposed");
    expect(proposed.length).toBeGreaterThanOrEqual(2);
    const [approved, declined] = proposed;
    server.addReview(OWNER, REPO, pullFor(approved!.fix!.branch).number, { user: "alice", state: "APPROVED" });
    server.addReview(OWNER, REPO, pullFor(declined!.fix!.branch).number, { user: "bob", state: "CHANGES_REQUESTED" });
    await tick();
    const after = await replayMissions(db.sql, projectId);
    expect(after.find((m) => m.mission_id === approved!.mission_id)!.state).toBe("watching");
    expect(pullFor(approved!.fix!.branch).merged).toBe(true);
    const rejected = after.find((m) => m.mission_id === declined!.mission_id)!;
    expect(rejected.state).toBe("rejected");
    expect(rejected.reason).toMatch(/Changes were requested/);
  });

  it("opens a revert pull request when a merged fix regresses, and leaves it to protection", async () => {
    const watched = (await replayMissions(db.sql, projectId)).find((m) => m.state === "watching")!;
    const [row] = await db.sql.query<{ fix: { changedLines: Record<string, number[]> } }>(`select fix from healing.auto_fixes where id = $1`, [watched.mission_id]);
    const [file, lines] = Object.entries(row!.fix.changedLines)[0]!;
    const at = new Date(clock.getTime() + 40 * 60_000);
    const regression = Array.from({ length: 3 }, (_, i) =>
      JSON.stringify({
        event_id: `gh-regression-${i}`,
        timestamp: new Date(at.getTime() + i * 1000).toISOString(),
        level: "error",
        exception: { type: "RangeError", value: "Invalid currency code", stacktrace: `RangeError: Invalid currency code\n    at render (/var/task/${file}:${lines[0]}:7)` },
      }),
    );
    const stored = await ingestReplayEvents(db.sql, projectId, regression.join("\n"));
    clock = stored.clock!;
    await tick();
    const [after] = await db.sql.query<{ state: string }>(`select state from healing.auto_fixes where id = $1`, [watched.mission_id]);
    expect(after!.state).toBe("regressed");
    const revert = server.pulls(OWNER, REPO).find((pull) => pull.head.startsWith("suture/revert-"))!;
    expect(revert).toMatchObject({ state: "open", merged: false, base: "main" });
    expect(revert.body).toContain(`suture:mission=${watched.mission_id}`);
    const [pending] = await db.sql.query<{ kind: string }>(`select kind from healing.healing_events where mission_id = $1 and kind = 'monitor.revert_pending'`, [watched.mission_id]);
    expect(pending).toBeDefined();

    // A person lets the revert through: its checks pass and it is merged. The mission is rolled back.
    server.addCheckRun(OWNER, REPO, server.branchHead(OWNER, REPO, revert.head)!, { name: "test", status: "completed", conclusion: "success" });
    const merged = await github.mergePullRequest(revert.number, { method: "squash", commitTitle: "Revert the regression" });
    expect(merged.merged).toBe(true);
    await tick();
    const [rolledBack] = await db.sql.query<{ state: string; revert_commit: string }>(`select state, revert_commit from healing.auto_fixes where id = $1`, [watched.mission_id]);
    expect(rolledBack).toMatchObject({ state: "rolled_back", revert_commit: (merged as { sha: string }).sha });
  });
});
