import { cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { pickCulpritFrame } from "../../src/diagnose/culprit.ts";
import { createLocalGitForge } from "../../src/deliver/local-git/local-git-forge.ts";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import type { SourceReader } from "../../src/fix/pattern.ts";
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
  reader: SourceReader;
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
  const forge = createLocalGitForge({ repoDir: dir, runner: createNodeCommandRunner() });
  return {
    dir,
    commit,
    reader: { readFile: (path) => forge.readFile(path, commit), listFiles: () => forge.listFiles(commit) },
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
