import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pickCulpritFrame } from "../../src/diagnose/culprit.ts";
import { createLocalGitRepository } from "../../src/deliver/local-git/local-git-repository.ts";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { parseV8Stack } from "../../src/ingest/stacktrace.ts";
import type { FailingInput, RecordedRequest, SuccessfulRequest } from "../../src/reproduce/reproduction.ts";
import { git, removeDir, tempDir } from "../deliver/local-git/git-fixture.ts";

// The small apps under tests/fixtures/reproduce, each copied into a fresh git repository as a
// team's checkout would be, with the evaluation apps' shared dependencies linked in as its
// node_modules (express, fastify, hono, koa, mocha, jest, vitest, tsx). Each app's incident.json
// holds what production recorded: the error, its V8 stack (deploy paths), and the requests.

const ROOT = resolve(import.meta.dirname, "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "reproduce");
export const SHARED_MODULES = join(ROOT, "eval", "node_modules");

export function sharedModulesProblem(): string | null {
  return existsSync(join(SHARED_MODULES, "express")) ? null : `${SHARED_MODULES} is missing; run \`npm install --prefix eval\` first`;
}

export interface FixtureRepo {
  dir: string;
  commit: string;
  /** Reads the release commit, or `at` when given. */
  reader: { readFile(path: string, at?: string): Promise<string | null>; listFiles(at?: string): Promise<string[]> };
  remove(): void;
}

export function createFixtureRepo(name: string): FixtureRepo {
  const problem = sharedModulesProblem();
  if (problem) throw new Error(problem);
  const dir = tempDir(`suture-repro-${name}-`);
  cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (source) => !source.endsWith("incident.json") && !source.includes("node_modules") });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", `${name} at release`);
  symlinkSync(SHARED_MODULES, join(dir, "node_modules"), "dir");
  const commit = git(dir, "rev-parse", "HEAD").trim();
  const forge = createLocalGitRepository({ repoDir: dir, runner: createNodeCommandRunner() });
  return {
    dir,
    commit,
    reader: { readFile: (path, at) => forge.readFile(path, at ?? commit), listFiles: (at) => forge.listFiles(at ?? commit) },
    remove: () => removeDir(dir),
  };
}

interface IncidentFile {
  error: { type: string; message: string };
  stack: string;
  failingRequests?: RecordedRequest[];
  successfulRequests?: SuccessfulRequest[];
}

/** The incident as diagnosis hands it over: culprit picked from the parsed production stack. */
export function loadIncident(name: string): FailingInput {
  const incident = JSON.parse(readFileSync(join(FIXTURES, name, "incident.json"), "utf8")) as IncidentFile;
  const frames = parseV8Stack(incident.stack);
  const culprit = pickCulpritFrame(frames);
  if (!culprit || culprit.line === null) throw new Error(`${name}/incident.json: no application frame in the stack`);
  return {
    error: incident.error,
    culprit: { file: culprit.file, function: culprit.function, line: culprit.line, column: culprit.column },
    frames,
    fingerprint: `fp${name.replace(/[^a-z0-9]/g, "").slice(0, 14)}`,
    failingRequests: incident.failingRequests ?? [],
    successfulRequests: incident.successfulRequests ?? [],
  };
}

export interface SourceEdit {
  file: string;
  search: string;
  replace: string;
}

/** Commits a fix (exact text replacements) on top of the fixture's release; returns the commit. */
export function commitFix(repo: FixtureRepo, edits: readonly SourceEdit[]): string {
  for (const edit of edits) {
    const path = join(repo.dir, edit.file);
    const before = readFileSync(path, "utf8");
    if (!before.includes(edit.search)) throw new Error(`${edit.file} does not contain the text to replace`);
    writeFileSync(path, before.replace(edit.search, edit.replace));
  }
  git(repo.dir, "add", "-A", "--", ...edits.map((edit) => edit.file));
  git(repo.dir, "commit", "-q", "-m", "fix");
  return git(repo.dir, "rev-parse", "HEAD").trim();
}
