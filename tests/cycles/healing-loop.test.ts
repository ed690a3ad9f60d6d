import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployAndRecord } from "../../examples/shop-api/incident/deploy-and-record.ts";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents, replayMissions, runReplayCycles, type ReplayOptions } from "../../src/cycles/replay.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { nodeStack } from "../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// The whole loop on the example app with merging allowed (autonomy 2): fixes are merged, the
// traffic after the deploy (sent to the app at main as Suture left it) decides each verdict, a
// regression is reverted, and outcomes are learned.

describe.each(testDrivers)("healing loop with merges on %s", (driver) => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let forge: LocalGitRepository;
  let options: ReplayOptions;
  let projectId: string;
  let work: string;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    repo = createExampleRepo();
    work = mkdtempSync(join(tmpdir(), "suture-deploy-"));
    forge = createLocalGitRepository({ repoDir: repo.dir, runner: createNodeCommandRunner() });
    projectId = (await createProject(db.sql, { name: "shop", repo: repo.dir, autonomyLevel: 2 })).project.id;
    options = {
      sql: db.sql,
      projectId,
      // Merging allowed (--merge): what the policy auto-applies is merged without a person.
      forge: { forge: createLocalGitForge({ repository: forge, sql: db.sql, allowMerge: true }), baseBranch: "main" },
      logger: silentLogger,
      settingsOverride: (settings) => ({ ...settings, testCommand: "npm test --silent" }),
    };
    const incident = await ingestReplayEvents(db.sql, projectId, readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8"));
    await runReplayCycles(options, incident.clock!);
  }, 240_000);
  afterAll(async () => {
    await forge?.cleanup();
    repo?.remove();
    if (work) rmSync(work, { recursive: true, force: true });
    await db?.drop();
  });

  it("merges only validated, confident fixes of P2–P4 incidents and watches them", async () => {
    const missions = await replayMissions(db.sql, projectId);
    const merged = missions.filter((m) => m.state === "watching");
    expect(merged.length).toBeGreaterThanOrEqual(2);
    for (const mission of merged) {
      expect(mission.decision).toBe("auto_apply");
      expect(mission.validation?.passed).toBe(true);
      expect(mission.fix!.confidence).toBeGreaterThanOrEqual(0.95);
      expect(["P2", "P3", "P4"]).toContain(mission.severity);
    }
    const log = repo.git("log", "--format=%s", "main");
    expect(log).toMatch(/Merge suture\//);
    const deployments = await db.sql.query<{ kind: string }>(`select kind from healing.deployment_logs where project_id = $1`, [projectId]);
    expect(deployments.filter((d) => d.kind === "merge")).toHaveLength(merged.length);
  });

  it("writes every transition of a mission to healing_events under one trace id", async () => {
    const [mission] = (await replayMissions(db.sql, projectId)).filter((m) => m.state === "watching");
    const events = await db.sql.query<{ kind: string; trace_id: string }>(
      `select kind, trace_id from healing.healing_events where mission_id = $1 order by id`,
      [mission!.mission_id],
    );
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(["mission.detected", "mission.diagnosing", "mission.diagnosed", "fix.branch_created", "validation.passed", "fix.merged", "monitor.watching"]),
    );
    expect(new Set(events.map((e) => e.trace_id))).toEqual(new Set([mission!.trace_id]));
  });

  it("calls a merged fix healed when the traffic after the deploy no longer shows the error, and learns from it", async () => {
    const out = join(work, "post-deploy.jsonl");
    await deployAndRecord({ repo: repo.dir, ref: "main", out });
    const after = await ingestReplayEvents(db.sql, projectId, readFileSync(out, "utf8"));
    await runReplayCycles(options, after.clock!);
    const missions = await replayMissions(db.sql, projectId);
    const healed = missions.filter((m) => m.state === "healed");
    expect(healed.length).toBeGreaterThanOrEqual(2);
    // The fixes are correct and main had them when the traffic ran: every merged one healed.
    const autoApplied = missions.filter((m) => m.decision === "auto_apply");
    expect(autoApplied.map((m) => m.state)).toEqual(autoApplied.map(() => "healed"));
    const groups = await db.sql.query<{ status: string }>(
      `select d.status from healing.detected_errors d join healing.auto_fixes m on m.detected_error_id = d.id where m.state = 'healed'`,
    );
    expect(groups.every((g) => g.status === "resolved")).toBe(true);
    const patterns = await db.sql.query<{ pattern_id: string; successes: number; project_id: string | null }>(
      `select pattern_id, successes, project_id from healing.universal_error_patterns where successes > 0`,
    );
    const patternIds = new Set(healed.map((m) => m.diagnosis!.pattern));
    for (const id of patternIds) {
      expect(patterns.filter((p) => p.pattern_id === id).map((p) => p.project_id === null ? "shared" : "project").sort()).toEqual(["project", "shared"]);
    }
    // Learning runs once per mission: another pass changes nothing.
    await runReplayCycles(options, after.clock!);
    const again = await db.sql.query<{ n: number }>(`select sum(successes + failures)::int as n from healing.universal_error_patterns where project_id is null`);
    const learned = await db.sql.query<{ n: number }>(`select count(*)::int as n from healing.auto_fixes where learned_at is not null`);
    expect(again[0]!.n).toBe(learned[0]!.n);
  });

  it("opens a new mission when a healed error comes back (a regression of its group)", async () => {
    const healed = (await replayMissions(db.sql, projectId)).filter((m) => m.state === "healed");
    const target = healed[healed.length - 1]!;
    const [sample] = await db.sql.query<{ error_type: string; message: string; frames: unknown[] }>(
      `select error_type, message, frames from healing.error_events where project_id = $1 and fingerprint = $2 limit 1`,
      [projectId, target.fingerprint],
    );
    const base = Date.parse("2026-11-20T17:00:00Z");
    const again = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({
        event_id: `back-${i}`,
        timestamp: new Date(base + i * 60_000).toISOString(),
        level: "error",
        exception: { type: sample!.error_type, value: sample!.message, stacktrace: { frames: sample!.frames.map((f) => {
          const frame = f as { file: string; function: string | null; line: number | null; column: number | null; inApp: boolean };
          return { filename: frame.file, function: frame.function, lineno: frame.line, colno: frame.column, in_app: frame.inApp };
        }) } },
      }),
    );
    const stored = await ingestReplayEvents(db.sql, projectId, again.join("\n"));
    expect(stored.accepted).toBe(6);
    const [group] = await db.sql.query<{ event_count: number }>(`select event_count from healing.detected_errors where fingerprint = $1`, [target.fingerprint]);
    expect(group!.event_count).toBe(target.events + 6);
    await runReplayCycles(options, stored.clock!);
    const missions = (await replayMissions(db.sql, projectId)).filter((m) => m.fingerprint === target.fingerprint);
    expect(missions).toHaveLength(2);
    const [incident] = await db.sql.query<{ incident: { kind: string } }>(
      `select incident from healing.auto_fixes where fingerprint = $1 order by created_at desc limit 1`,
      [target.fingerprint],
    );
    expect(incident!.incident.kind).toBe("regressed");
  });

  it("reverts a merged fix when a new error starts in its changed lines", async () => {
    const before = (await replayMissions(db.sql, projectId)).length;
    const base = Date.parse("2026-11-20T18:00:00Z");
    const merged = (await replayMissions(db.sql, projectId)).find((m) => m.state === "healed")!;
    const [fixRow] = await db.sql.query<{ fix: { changedLines: Record<string, number[]> }; deployed_at: Date }>(
      `select fix, deployed_at from healing.auto_fixes where id = $1`,
      [merged.mission_id],
    );
    const [file, changed] = Object.entries(fixRow!.fix.changedLines)[0]!;
    // Re-open the watch on a healed mission: the monitor is still watching when production breaks.
    await db.sql.query(
      `update healing.auto_fixes set state = 'watching', verdict = null, watch_until = $2 where id = $1`,
      [merged.mission_id, new Date(base + 60_000).toISOString()],
    );
    const regression = Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({
        event_id: `regression-${i}`,
        timestamp: new Date(base + 120_000 + i * 1000).toISOString(),
        level: "error",
        environment: "production",
        release: "v1.4.3",
        exception: { type: "RangeError", value: "Invalid currency code", stacktrace: nodeStack("RangeError", "Invalid currency code", "formatPrice", file, changed[0]!) },
      }),
    );
    const stored = await ingestReplayEvents(db.sql, projectId, regression.join("\n"));
    await runReplayCycles(options, stored.clock!);
    const [after] = await db.sql.query<{ state: string; revert_commit: string | null; verdict: { kind: string } }>(
      `select state, revert_commit, verdict from healing.auto_fixes where id = $1`,
      [merged.mission_id],
    );
    expect(after).toMatchObject({ state: "rolled_back", verdict: { kind: "regressed" } });
    expect(after!.revert_commit).toMatch(/^[0-9a-f]{40}$/);
    expect(repo.git("log", "-1", "--format=%s", "main")).toMatch(/^Revert /);
    // The new error is an incident of its own: one more mission, for its group.
    const missions = await replayMissions(db.sql, projectId);
    expect(missions).toHaveLength(before + 1);
    expect(missions.filter((m) => m.error_type === "RangeError" && m.message === "Invalid currency code")).toHaveLength(1);
  });
});
