import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { checkCandidate } from "../../src/reproduce/check-candidate.ts";
import { createLocalGitSandbox } from "../../src/reproduce/local-git-sandbox.ts";
import { targetOf } from "../../src/reproduce/oracle.ts";
import { reproduceFailure } from "../../src/reproduce/reproduce-failure.ts";
import type { Reproduction } from "../../src/reproduce/reproduction.ts";
import type { SandboxWorkspace } from "../../src/reproduce/sandbox.ts";
import { createFixtureRepo, type FixtureRepo, loadIncident } from "./fixture-apps.ts";

// Fix candidates judged by the reproduction in the mission's one workspace: the right fix is
// accepted; each classic bad fix is rejected for the reason a reviewer would give.

describe("checking fix candidates against the reproduction", () => {
  let repo: FixtureRepo;
  let workspace: SandboxWorkspace;
  let reproduction: Extract<Reproduction, { kind: "reproduced" }>;
  const input = loadIncident("express-invoices");
  const file = "src/routes/invoices.js";
  let source: string;

  beforeAll(async () => {
    repo = createFixtureRepo("express-invoices");
    workspace = await createLocalGitSandbox({ repoDir: repo.dir, runner: createNodeCommandRunner() }).open(repo.commit);
    const reader = { readFile: (path: string) => repo.reader.readFile(path), listFiles: () => repo.reader.listFiles() };
    const result = await reproduceFailure(input, { commit: repo.commit, repo: reader, workspace });
    if (result.kind !== "reproduced") throw new Error(result.reason);
    reproduction = result;
    source = (await repo.reader.readFile(file))!;
  });

  afterAll(async () => {
    await workspace?.close();
    repo?.remove();
  });

  async function verdict(search: string, replace: string) {
    const after = source.replace(search, replace);
    expect(after).not.toBe(source);
    const reader = { readFile: (path: string) => repo.reader.readFile(path), listFiles: () => repo.reader.listFiles() };
    return checkCandidate(workspace, reproduction, targetOf(input), [{ path: file, before: source, after }], reader);
  }

  it("ships a check with the reproducing attempt and the successful requests", () => {
    expect(reproduction.check).toMatchObject({ attempt: "r1", request: true, successes: [{ id: "s1" }] });
    expect(reproduction.check.files.map((f) => f.path)).toEqual(["test/suture-probe-fpexpres.test.js", "test/invoices-regression.test.js"]);
  });

  it("accepts an early 404 in the app's own idiom", async () => {
    const result = await verdict("    const invoice = store.find(req.params.id);\n", '    const invoice = store.find(req.params.id);\n    if (!invoice) return res.status(404).json({ error: "not_found" });\n');
    expect(result).toMatchObject({ accepted: true, regressionPassed: true, stillThrows: false, answer: { kind: "response", status: 404 } });
    expect(result.reason).toBe("It answers 404, a client error, instead of crashing (it was 500).");
    expect(result.successAnswers[0]?.after).toMatchObject({ status: 200 });
  });

  it("rejects optional chaining that moves the crash to the next read", async () => {
    const result = await verdict("res.json({ id: invoice.id,", "res.json({ id: invoice?.id,");
    expect(result).toMatchObject({ accepted: false, stillThrows: false, regressionPassed: false });
  });

  it("rejects a 200 with an empty body", async () => {
    const result = await verdict("    const invoice = store.find(req.params.id);\n", "    const invoice = store.find(req.params.id);\n    if (!invoice) return res.status(200).end();\n");
    expect(result).toMatchObject({ accepted: false, regressionPassed: false });
  });

  it("rejects a success that drops the fields successful answers have", async () => {
    const result = await verdict("    const invoice = store.find(req.params.id);\n", "    const invoice = store.find(req.params.id);\n    if (!invoice) return res.json({ id: req.params.id });\n");
    expect(result).toMatchObject({ accepted: false, regressionPassed: true, answer: { status: 200 } });
    expect(result.reason).toBe("It answers 200, but the answer.customer is missing: it is not the shape successful answers of this route have.");
  });

  it("rejects a fix that breaks the requests that worked", async () => {
    const result = await verdict("    const invoice = store.find(req.params.id);\n", '    const invoice = undefined;\n    if (!invoice) return res.status(404).json({ error: "not_found" });\n');
    expect(result.accepted).toBe(false);
    expect(result.reason).toBe("It changes the answer to GET https://invoices.example.com/invoices/inv_1, which succeeded: 200 before, 404 now.");
  });

  it("rejects an error handler that turns the crash into a 4xx while the error still escapes", async () => {
    const app = (await repo.reader.readFile("src/app.js"))!;
    const reader = { readFile: (path: string) => repo.reader.readFile(path), listFiles: () => repo.reader.listFiles() };
    const swallowed = app.replace("  return app;", "  app.use((error, req, res, next) => res.status(400).json({ error: \"bad request\" }));\n  return app;");
    const result = await checkCandidate(workspace, reproduction, targetOf(input), [{ path: "src/app.js", before: app, after: swallowed }], reader);
    expect(result).toMatchObject({ accepted: false, stillThrows: true, regressionPassed: true, reason: "The incident's error still escapes the application's code on the candidate." });
  });
});
