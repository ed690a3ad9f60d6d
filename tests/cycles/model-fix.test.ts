import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { parseSettings } from "../../src/config/healing-config.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents, replayMissions, runReplayCycles, type ReplayMission, type ReplayOptions } from "../../src/cycles/replay.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { classifyError } from "../../src/diagnose/classify.ts";
import { guardChanges } from "../../src/fix/guard/guard-changes.ts";
import { createModelFixer, type ModelFixer } from "../../src/fix/model/model-fixer.ts";
import type { SourceReader } from "../../src/fix/fix-context.ts";
import { createAnthropicLlm } from "../../src/llm/anthropic-llm.ts";
import { loadGroupEvidence } from "../../src/store/errors/load-group-evidence.ts";
import { createSqlTokenBudget } from "../../src/store/llm/sql-token-budget.ts";
import { loadProjectModelUsage } from "../../src/store/llm/load-model-usage.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { type AnthropicApiServer, startAnthropicApiServer } from "../support/anthropic-api-server.ts";
import { errorEvent, ndjson, nodeStack } from "../support/events.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// End to end on the example app: a bug outside every pattern class (RangeError: Invalid array
// length in a new installments() helper) is fixed through the scripted model and validated by
// the app's own tests, including the regression test the model wrote.
//
// Two parts:
// - `describe("model fix on the example app")` runs today: it drives the fixer by hand the way
//   the mission does (evidence → fixer → guard → fix branch → validation).
// - `runModelFixReplay` / `expectModelFixedMission` run the whole replay:
//   the whole replay through the mission state machine. They pass once the lead adds
//   `modelFixer?: ModelFixer | null` to HealContext and ReplayOptions (threaded through
//   runReplayCycles) and calls it in advance-mission.ts (the last describe below).

export const INSTALLMENTS_SOURCE = `
/** Splits a total into equal monthly installments; the last one takes the remainder. */
export function installments(totalCents: number, months: number): number[] {
  const base = Math.floor(totalCents / months);
  const plan = new Array(months - 1).fill(base);
  plan.push(totalCents - base * (months - 1));
  return plan;
}
`;

export const INSTALLMENTS_TEST = `import { test } from "node:test";
import assert from "node:assert/strict";
import { installments } from "../src/lib/money.ts";

test("a plan of zero or one month is one payment", () => {
  assert.deepEqual(installments(1000, 0), [1000]);
  assert.deepEqual(installments(1000, 1), [1000]);
});

test("splits the remainder into the last installment", () => {
  assert.deepEqual(installments(1000, 3), [333, 333, 334]);
});
`;

export function installmentsProposal() {
  return {
    diagnosis: {
      root_cause: "installments() builds new Array(months - 1), which throws RangeError when months is 0.",
      file: "src/lib/money.ts",
      line: 0, // filled with the real line by the scenario
      category: "boundary-or-range",
      confidence: 0.88,
      fixable: true,
      needs_human_reason: null,
    },
    fix: {
      edits: [
        {
          file: "src/lib/money.ts",
          search: "  const base = Math.floor(totalCents / months);\n  const plan = new Array(months - 1).fill(base);",
          replace: "  if (months <= 1) return [totalCents];\n  const base = Math.floor(totalCents / months);\n  const plan = new Array(months - 1).fill(base);",
        },
      ],
      explanation: "Return the whole total as one payment when fewer than two months are asked for, before sizing the array.",
      regression_test: { path: "tests/installments.test.ts", content: INSTALLMENTS_TEST },
    },
  };
}

export interface ModelFixScenario {
  db: TestDatabase;
  repo: ExampleRepo;
  forge: LocalGitRepository;
  server: AnthropicApiServer;
  projectId: string;
  modelFixer: ModelFixer;
  /** Replay options plus the fixer, for the wired replay. */
  options: ReplayOptions & { modelFixer: ModelFixer };
  bugLine: number;
  events: string;
  cleanup(): Promise<void>;
}

/** The example app at v1.5.0 with the installments bug, a project, the scripted API and a fixer. */
export async function setupModelFixScenario(): Promise<ModelFixScenario> {
  const db = await createTestDatabase("pglite");
  const repo = createExampleRepo();
  appendFileSync(join(repo.dir, "src", "lib", "money.ts"), INSTALLMENTS_SOURCE);
  repo.git("commit", "-q", "-am", "Pay in installments");
  repo.git("tag", "v1.5.0");
  const money = repo.git("show", "v1.5.0:src/lib/money.ts").split("\n");
  const bugLine = money.findIndex((line) => line.includes("new Array(months - 1)")) + 1;

  const forge = createLocalGitRepository({ repoDir: repo.dir, runner: createNodeCommandRunner() });
  const { project } = await createProject(db.sql, { name: "shop", repo: repo.dir, autonomyLevel: 1 });
  const server = await startAnthropicApiServer();
  const settings = parseSettings({ model: { id: "claude-test-model" } });
  const modelFixer = createModelFixer({
    llm: createAnthropicLlm({ apiKey: server.apiKey, baseURL: server.baseURL }),
    settings,
    budget: createSqlTokenBudget(db.sql, () => new Date("2026-11-20T15:00:00Z")),
  });
  const events = ndjson(
    Array.from({ length: 6 }, (_, i) =>
      errorEvent({
        id: `installments-${i}`,
        at: new Date(Date.parse("2026-11-20T14:00:00Z") + i * 60_000).toISOString(),
        type: "RangeError",
        message: "Invalid array length",
        stack: nodeStack("RangeError", "Invalid array length", "installments", "src/lib/money.ts", bugLine),
        route: "/checkout/quote",
        userId: `user-${i % 3}`,
        release: "v1.5.0",
      }),
    ),
  );
  const options: ModelFixScenario["options"] = {
    sql: db.sql,
    projectId: project.id,
    forge: { forge: createLocalGitForge({ repository: forge, sql: db.sql, allowMerge: false }), baseBranch: "main" },
    logger: silentLogger,
    settingsOverride: (s) => ({
      ...s,
      testCommand: "npm test --silent",
      model: {
        ...s.model,
        id: "claude-test-model",
        pricing: [...s.model.pricing, { model: "claude-test-model", inputPerMTok: 3, outputPerMTok: 15, cacheWritePerMTok: 3.75, cacheReadPerMTok: 0.3 }],
      },
    }),
    modelFixer,
  };
  return {
    db, repo, forge, server, projectId: project.id, modelFixer, options, bugLine, events,
    async cleanup() {
      await server.close();
      await forge.cleanup();
      repo.remove();
      await db.drop();
    },
  };
}

/** The whole replay, with the fixer in the heal context. */
export async function runModelFixReplay(scenario: ModelFixScenario): Promise<ReplayMission[]> {
  const proposal = installmentsProposal();
  proposal.diagnosis.line = scenario.bugLine;
  scenario.server.enqueue({ kind: "tool", input: proposal });
  const stored = await ingestReplayEvents(scenario.db.sql, scenario.projectId, scenario.events);
  await runReplayCycles(scenario.options, stored.clock!);
  return replayMissions(scenario.db.sql, scenario.projectId);
}

/** What the replay must show: a reviewed, validated model fix with its cost on the mission. */
export async function expectModelFixedMission(missions: ReplayMission[], scenario: ModelFixScenario): Promise<void> {
  const mission = missions.find((m) => m.error_type === "RangeError");
  expect(mission).toBeDefined();
  expect(mission!.state).toBe("proposed");
  expect(mission!.decision).toBe("pull_request");
  expect(mission!.validation).toMatchObject({ passed: true });
  expect(mission!.fix!.files).toEqual(["src/lib/money.ts", "tests/installments.test.ts"]);
  // A model fix is reviewed: its confidence stays below the auto-apply bar.
  expect(mission!.fix!.confidence).toBeLessThan(0.95);
  const [row] = await scenario.db.sql.query<{ pattern_id: string; model_calls: number; model_cost_usd: string }>(
    `select pattern_id, model_calls, model_cost_usd from healing.auto_fixes where id = $1`,
    [mission!.mission_id],
  );
  expect(row).toMatchObject({ pattern_id: "model:claude-test-model", model_calls: 1 });
  expect(Number(row!.model_cost_usd)).toBeGreaterThan(0);
  expect(scenario.server.requests).toHaveLength(1);
}

describe("model fix on the example app", () => {
  let scenario: ModelFixScenario;

  beforeAll(async () => {
    scenario = await setupModelFixScenario();
  }, 60_000);
  afterAll(async () => {
    await scenario?.cleanup();
  });

  it("fixes a bug outside the pattern classes through the scripted model, validated by the app's tests", async () => {
    const { db, forge, projectId, server } = scenario;
    const proposal = installmentsProposal();
    proposal.diagnosis.line = scenario.bugLine;
    server.enqueue({ kind: "tool", input: proposal });
    await ingestReplayEvents(db.sql, projectId, scenario.events);
    const [group] = await db.sql.query<{ id: string }>(`select id from healing.detected_errors where project_id = $1 and error_type = 'RangeError'`, [projectId]);
    const evidence = (await loadGroupEvidence(db.sql, group!.id))!;
    const classification = classifyError(evidence.error_type, evidence.samples[0]!.message);
    expect(classification.kind).toBe("unknown");

    const [mission] = await db.sql.query<{ id: string }>(
      `insert into healing.auto_fixes (project_id, detected_error_id, fingerprint, state) values ($1, $2, 'fp', 'fixing') returning id`,
      [projectId, group!.id],
    );
    const commit = (await forge.resolveRef("v1.5.0"))!;
    const reader: SourceReader = { readFile: (path) => forge.readFile(path, commit), listFiles: () => forge.listFiles(commit) };
    const outcome = await scenario.modelFixer({
      projectId,
      missionId: mission!.id,
      group: evidence,
      culprit: { file: "src/lib/money.ts", line: scenario.bugLine, column: 20, function: "installments" },
      classification,
      repo: reader,
      nearMissPatterns: [],
      previousAttempts: [],
      deadline: Date.now() + 30_000,
    });
    if (outcome.kind !== "candidate") throw new Error(`expected a candidate: ${JSON.stringify(outcome)}`);

    const settings = parseSettings({});
    const guard = guardChanges(outcome.candidate.changes, {
      protectedPaths: settings.protectedPaths,
      maxChangedLines: settings.limits.maxChangedLines,
      maxFiles: settings.limits.maxFiles,
    });
    expect(guard).toMatchObject({ passed: true, files: ["src/lib/money.ts", "tests/installments.test.ts"] });

    const fixed = await forge.ensureBranch({ branch: "suture/installments-model-fix", base: commit, changes: outcome.candidate.changes, message: outcome.candidate.summary });
    expect((await forge.validate(fixed.branch, "main", "npm test --silent")).passed).toBe(true);
    // The regression test the model wrote fails on the unfixed code: it tests the bug.
    const testOnly = outcome.candidate.changes.filter((change) => change.before === null);
    const unfixed = await forge.ensureBranch({ branch: "suture/installments-test-only", base: commit, changes: testOnly, message: "regression test only" });
    expect((await forge.validate(unfixed.branch, "main", "npm test --silent")).passed).toBe(false);

    expect(outcome.candidate.patternId).toBe("model:claude-test-model");
    const [row] = await db.sql.query<{ model_calls: number; model_input_tokens: string }>(`select model_calls, model_input_tokens from healing.auto_fixes where id = $1`, [mission!.id]);
    expect(row!.model_calls).toBe(1);
    expect(Number(row!.model_input_tokens)).toBeGreaterThan(0);
    expect((await loadProjectModelUsage(db.sql, projectId, "2026-11-20"))!.calls).toBe(1);
    // The source window the model saw shows the culprit line of the release.
    expect(server.requests[0]!.body.messages[0].content).toContain(`${scenario.bugLine}>|   const plan = new Array(months - 1).fill(base);`);
  }, 120_000);
});

describe("model fix through a replay of the mission state machine", () => {
  let scenario: ModelFixScenario;

  beforeAll(async () => {
    scenario = await setupModelFixScenario();
  }, 60_000);
  afterAll(async () => {
    await scenario?.cleanup();
  });

  it("fixes a bug outside the pattern classes in a replay", async () => {
    await expectModelFixedMission(await runModelFixReplay(scenario), scenario);
  }, 120_000);
});
