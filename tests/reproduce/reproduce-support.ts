import { expect } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { createLocalGitSandbox } from "../../src/reproduce/local-git-sandbox.ts";
import { attributeRecords, targetOf } from "../../src/reproduce/oracle.ts";
import { callerSources, unhandledMatch } from "../../src/reproduce/still-throws.ts";
import { reproduceFailure } from "../../src/reproduce/reproduce-failure.ts";
import type { FailingInput, Reproduction, ReproductionTest } from "../../src/reproduce/reproduction.ts";
import { commitFix, createFixtureRepo, type FixtureRepo, loadIncident, type SourceEdit } from "./fixture-apps.ts";

// Runs a fixture app's incident through reproducing on the release commit, then checks the
// regression test against a reference fix: it must pass there, with the oracle seeing the
// incident's error no more.

export interface FixtureRun {
  repo: FixtureRepo;
  input: FailingInput;
  reproduction: Reproduction;
}

export async function reproduceFixture(name: string, input: FailingInput = loadIncident(name), at?: (repo: FixtureRepo) => string): Promise<FixtureRun> {
  const repo = createFixtureRepo(name);
  const commit = at ? at(repo) : repo.commit;
  const sandbox = createLocalGitSandbox({ repoDir: repo.dir, runner: createNodeCommandRunner() });
  const workspace = await sandbox.open(commit);
  try {
    const reproduction = await reproduceFailure(input, { commit, repo: { readFile: (path) => repo.reader.readFile(path), listFiles: () => repo.reader.listFiles() }, workspace });
    return { repo, input, reproduction };
  } finally {
    await workspace.close();
  }
}

export function reproducedTest(reproduction: Reproduction): ReproductionTest {
  if (reproduction.kind !== "reproduced") {
    throw new Error(`not reproduced: ${reproduction.reason}\n${reproduction.attempts.map((a) => `${a.id} ${a.outcome}: ${a.detail}`).join("\n")}`);
  }
  return reproduction.test;
}

/** The regression test on a fixed commit: it passes, and the incident's error no longer escapes the app. */
export async function expectPassesOnFix(run: FixtureRun, edits: readonly SourceEdit[]): Promise<void> {
  const test = reproducedTest(run.reproduction);
  const fixed = commitFix(run.repo, edits);
  const sandbox = createLocalGitSandbox({ repoDir: run.repo.dir, runner: createNodeCommandRunner() });
  const workspace = await sandbox.open(fixed);
  try {
    const result = await workspace.run({
      files: [{ path: test.path, content: test.content }],
      program: test.command.program,
      args: test.command.args,
      env: test.command.env,
      timeoutMs: 30_000,
      maxOutputBytes: 65_536,
      observeExceptions: true,
    });
    const seen = attributeRecords(result.records, result.roots).outside;
    const reader = { readFile: (path: string) => run.repo.reader.readFile(path, fixed), listFiles: () => run.repo.reader.listFiles() };
    const sources = await callerSources(seen, [test.path], reader);
    expect(unhandledMatch(seen, targetOf(run.input), sources, [test.path]), result.outputTail).toBeNull();
    expect(result.exitCode, result.outputTail).toBe(0);
  } finally {
    await workspace.close();
  }
}
