import type * as t from "@babel/types";
import { type CodeStyle, detectStyle, walk } from "../fix/ast-tools.ts";
import { parseSource } from "../fix/parse-source.ts";
import { basenameOf, dirnameOf } from "../fix/posix-path.ts";
import type { RunCommand, TestRunner } from "./reproduction.ts";

// How this repository writes and runs its tests, learned from the repository itself: the test
// files (what they import, how they call test and assert, where they live and how they are
// named), the test script in package.json, config files, and devDependencies, strongest first.
// A new test written in this style sits beside the existing ones and runs with the same command.

export interface TestFile {
  path: string;
  content: string;
}

export interface RepoTestFacts {
  /** Every file of the repository (repo-relative). */
  files: readonly string[];
  /** package.json's text, or null. */
  packageJson: string | null;
  /** Test files read for style, the most relevant first (those exercising the culprit's code). */
  tests: readonly TestFile[];
  /** Text of config files the runner reads (.mocharc.*), by path. */
  configs?: Readonly<Record<string, string>>;
}

export type AssertionStyle =
  /** node:assert (strict or legacy), bound to `binding`. */
  | { kind: "node-assert"; binding: string; importLine: string | null }
  /** Jest or Vitest `expect`. */
  | { kind: "expect"; importLine: string | null }
  | { kind: "chai-expect"; importLine: string };

export interface TestStyle {
  runner: TestRunner;
  language: "ts" | "js";
  moduleSyntax: "esm" | "cjs";
  /** Folder for a new test, repo-relative ("" for the root). */
  directory: string;
  /** What follows the stem in a test file's name: ".test.ts", ".spec.js", "_test.js", ".js". */
  suffix: string;
  /** Extension written on relative imports: the source's own (`.ts`), `.js`, or none. */
  specifierExtension: "source" | "js" | "none";
  testFunction: "test" | "it";
  describe: boolean;
  /** Directives the tests open with (`'use strict'`), verbatim. */
  preamble: string[];
  /** The line importing the test functions, or null when they are globals. */
  apiImportLine: string | null;
  assertion: AssertionStyle;
  code: CodeStyle;
  /** Node flags the test script passes (`--import tsx`, `--experimental-vm-modules`). */
  nodeFlags: string[];
  /** Runner flags worth keeping (`--config x`, `-r tsx`). */
  runnerFlags: string[];
  env: Record<string, string>;
  /** The test file the style was learned from; null when the repository has none. */
  sample: string | null;
}

export type StyleDetection = { ok: true; style: TestStyle; evidence: string[] } | { ok: false; reason: string };

const TEST_FILE = /(?:^|\/)(?:__tests__|tests?|spec)\/.+\.[cm]?[jt]sx?$|[._-](?:test|spec)\.[cm]?[jt]sx?$/;
const NOT_SOURCE = /(?:^|\/)(?:node_modules|dist|build|coverage|\.next|fixtures?|__fixtures__|__mocks__)\//;

/** Paths that look like test files (not fixtures, not helpers' data), in listing order. */
export function testFilePaths(files: readonly string[]): string[] {
  return files.filter((path) => TEST_FILE.test(path) && !NOT_SOURCE.test(path) && !path.endsWith(".d.ts"));
}

interface PackageFacts {
  testScript: string | null;
  type: "module" | "commonjs";
  dependencies: Set<string>;
  jestField: boolean;
}

function readPackage(text: string | null): PackageFacts {
  const facts: PackageFacts = { testScript: null, type: "commonjs", dependencies: new Set(), jestField: false };
  if (text === null) return facts;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return facts;
  }
  if (typeof value !== "object" || value === null) return facts;
  const pkg = value as Record<string, unknown>;
  if (pkg.type === "module") facts.type = "module";
  const scripts = pkg.scripts as Record<string, unknown> | undefined;
  if (scripts && typeof scripts.test === "string") facts.testScript = scripts.test;
  for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    const deps = pkg[key];
    if (typeof deps === "object" && deps !== null) for (const name of Object.keys(deps)) facts.dependencies.add(name);
  }
  facts.jestField = typeof pkg.jest === "object" && pkg.jest !== null;
  return facts;
}

interface SampleFacts {
  path: string;
  runner: TestRunner | null;
  moduleSyntax: "esm" | "cjs";
  testFunction: "test" | "it" | null;
  describe: boolean;
  apiImportLine: string | null;
  assertion: AssertionStyle | null;
  specifierExtension: "source" | "js" | "none" | null;
  code: CodeStyle;
  /** A test framework this file imports that Suture does not run. */
  otherRunner: string | null;
  preamble: string[];
}

const UNSUPPORTED_RUNNERS = /^(?:ava|tap|tape|uvu|zora|jasmine|karma|qunit|@playwright\/test|bun:test|@japa\/runner|@hapi\/lab)$/;

const RUNNER_MODULES: Record<string, TestRunner> = {
  "node:test": "node:test",
  test: "node:test",
  vitest: "vitest",
  "@jest/globals": "jest",
  mocha: "mocha",
};

function readSample(file: TestFile): SampleFacts | null {
  let program: t.Program;
  try {
    program = parseSource(file.path, file.content).program;
  } catch {
    return null;
  }
  const facts: SampleFacts = {
    path: file.path,
    runner: null,
    moduleSyntax: "esm",
    testFunction: null,
    describe: false,
    apiImportLine: null,
    assertion: null,
    specifierExtension: null,
    code: detectStyle(file.content, program),
    otherRunner: null,
    preamble: program.directives.map((directive) => file.content.slice(directive.start ?? 0, directive.end ?? 0)),
  };
  let imports = 0;
  let requires = 0;
  const lineOf = (node: t.Node): string => file.content.slice(node.start ?? 0, node.end ?? 0);
  const noteSpecifier = (specifier: string): void => {
    if (!specifier.startsWith(".") || facts.specifierExtension !== null) return;
    if (/\.(?:[cm]?ts|tsx)$/.test(specifier)) facts.specifierExtension = "source";
    else if (/\.(?:[cm]?js|jsx)$/.test(specifier)) facts.specifierExtension = /\.tsx?$|\.[cm]ts$/.test(file.path) ? "js" : "source";
    else if (!/\.json$/.test(specifier)) facts.specifierExtension = "none";
  };
  for (const statement of program.body) {
    if (statement.type === "ImportDeclaration") {
      imports += 1;
      const source = statement.source.value;
      noteSpecifier(source);
      if (UNSUPPORTED_RUNNERS.test(source)) facts.otherRunner ??= source;
      const runner = RUNNER_MODULES[source];
      if (runner && statement.importKind !== "type") {
        facts.runner ??= runner;
        if (runner !== "mocha") facts.apiImportLine ??= lineOf(statement);
      }
      const assertion = assertionFromImport(source, statement, lineOf(statement));
      if (assertion) facts.assertion ??= assertion;
      continue;
    }
    const required = requireOf(statement);
    if (required) {
      requires += 1;
      noteSpecifier(required.source);
      if (UNSUPPORTED_RUNNERS.test(required.source)) facts.otherRunner ??= required.source;
      const runner = RUNNER_MODULES[required.source];
      if (runner) {
        facts.runner ??= runner;
        if (runner !== "mocha") facts.apiImportLine ??= lineOf(statement);
      }
      const assertion = assertionFromRequire(required.source, required.binding, lineOf(statement));
      if (assertion) facts.assertion ??= assertion;
    }
  }
  facts.moduleSyntax = requires > imports ? "cjs" : "esm";
  let usesExpect = false;
  walk(program, (node) => {
    if (node.type !== "CallExpression" || node.callee.type !== "Identifier") return;
    const name = node.callee.name;
    if (name === "describe") facts.describe = true;
    else if ((name === "test" || name === "it") && facts.testFunction === null) facts.testFunction = name;
    else if (name === "expect") usesExpect = true;
  });
  if (facts.assertion === null && usesExpect) facts.assertion = { kind: "expect", importLine: null };
  return facts;
}

function assertionFromImport(source: string, statement: t.ImportDeclaration, line: string): AssertionStyle | null {
  if (/^(?:node:)?assert(?:\/strict)?$/.test(source)) {
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportDefaultSpecifier" || specifier.type === "ImportNamespaceSpecifier") {
        return { kind: "node-assert", binding: specifier.local.name, importLine: line };
      }
      const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value;
      if (imported === "strict" || imported === "default") return { kind: "node-assert", binding: specifier.local.name, importLine: line };
    }
    return null;
  }
  if (source === "chai" && statement.specifiers.some((s) => s.type === "ImportSpecifier" && s.local.name === "expect")) {
    return { kind: "chai-expect", importLine: line };
  }
  if ((source === "vitest" || source === "@jest/globals") && statement.specifiers.some((s) => s.local.name === "expect")) {
    return { kind: "expect", importLine: null };
  }
  return null;
}

function assertionFromRequire(source: string, binding: string | null, line: string): AssertionStyle | null {
  if (/^(?:node:)?assert(?:\/strict)?$/.test(source) && binding !== null) return { kind: "node-assert", binding, importLine: line };
  if (source === "chai" && /\bexpect\b/.test(line)) return { kind: "chai-expect", importLine: line };
  return null;
}

/** `const x = require("m")`, `const { a } = require("m")`, `const x = require("m").strict`. */
function requireOf(statement: t.Statement): { source: string; binding: string | null } | null {
  if (statement.type !== "VariableDeclaration" || statement.declarations.length !== 1) return null;
  const declarator = statement.declarations[0]!;
  let init = declarator.init;
  if (init?.type === "MemberExpression") init = init.object;
  if (init?.type !== "CallExpression" || init.callee.type !== "Identifier" || init.callee.name !== "require") return null;
  const arg = init.arguments[0];
  if (arg?.type !== "StringLiteral") return null;
  return { source: arg.value, binding: declarator.id.type === "Identifier" ? declarator.id.name : null };
}

function runnerFromScript(script: string | null): TestRunner | null {
  if (script === null) return null;
  if (/\bvitest\b/.test(script)) return "vitest";
  if (/\bjest\b/.test(script)) return "jest";
  if (/\bmocha\b/.test(script)) return "mocha";
  if (/\b(?:node|tsx)\b[^&|;]*\s--test\b/.test(script)) return "node:test";
  return null;
}

function runnerFromConfigs(files: readonly string[], pkg: PackageFacts): TestRunner | null {
  const names = new Set(files.map((path) => basenameOf(path)));
  const has = (pattern: RegExp) => [...names].some((name) => pattern.test(name));
  if (has(/^vitest\.(?:config|workspace)\.[cm]?[jt]s$/)) return "vitest";
  if (has(/^jest\.config\.[cm]?[jt]s(?:on)?$/) || pkg.jestField) return "jest";
  if (has(/^\.mocharc\.(?:js|cjs|json|jsonc|yaml|yml)$/)) return "mocha";
  return null;
}

function runnerFromDependencies(pkg: PackageFacts): TestRunner | null {
  if (pkg.dependencies.has("vitest")) return "vitest";
  if (pkg.dependencies.has("jest") || pkg.dependencies.has("ts-jest")) return "jest";
  if (pkg.dependencies.has("mocha")) return "mocha";
  return null;
}

/** The repository's test style, or why none could be settled. */
export function detectTestStyle(facts: RepoTestFacts): StyleDetection {
  const pkg = readPackage(facts.packageJson);
  const evidence: string[] = [];
  const samples = facts.tests.map(readSample).filter((sample): sample is SampleFacts => sample !== null);
  const fromSamples = samples.find((sample) => sample.runner !== null)?.runner ?? null;
  const fromScript = runnerFromScript(pkg.testScript);
  const fromConfig = runnerFromConfigs(facts.files, pkg);
  const fromDeps = runnerFromDependencies(pkg);
  // Globals-only tests (describe/it/expect with no import) are jest's, or mocha's with chai or
  // assert, unless the repository uses a runner Suture does not drive (ava, tap, jasmine, …).
  const unsupported = samples.find((sample) => sample.otherRunner !== null)?.otherRunner ?? [...pkg.dependencies].find((name) => UNSUPPORTED_RUNNERS.test(name)) ?? null;
  if (unsupported !== null && fromSamples === null && fromScript === null && fromConfig === null && fromDeps === null) {
    return { ok: false, reason: `the repository's tests run with ${unsupported}; Suture writes tests for node:test, vitest, jest and mocha` };
  }
  const fromGlobals = samples.length > 0 && fromSamples === null ? (samples.some((s) => s.assertion?.kind === "expect") ? "jest" : "mocha") : null;
  const runner = fromSamples ?? fromScript ?? fromConfig ?? fromDeps ?? fromGlobals ?? (samples.length === 0 ? "node:test" : null);
  if (runner === null) return { ok: false, reason: "the repository's tests use no test runner Suture can run (node:test, vitest, jest or mocha)" };
  if (fromSamples) evidence.push(`${samples.find((s) => s.runner !== null)!.path} imports ${fromSamples}`);
  if (fromScript) evidence.push(`the test script runs ${fromScript}: ${pkg.testScript}`);
  if (fromConfig) evidence.push(`a ${fromConfig} config file`);
  if (fromDeps) evidence.push(`${fromDeps} in package.json dependencies`);
  if (samples.length === 0) evidence.push("no test files; node:test is built into Node");

  const sample = samples.find((s) => s.runner === runner) ?? samples[0] ?? null;
  const language = sample ? (/\.[cm]?tsx?$/.test(sample.path) ? "ts" : "js") : "js";
  const moduleSyntax = sample ? sample.moduleSyntax : pkg.type === "module" ? "esm" : "cjs";
  const suffix = sample ? testSuffix(sample.path) : moduleSyntax === "esm" && pkg.type !== "module" ? ".test.mjs" : ".test.js";
  const directory = sample ? dirnameOf(sample.path) : "test";
  const code: CodeStyle = sample?.code ?? { quote: '"', semicolons: true, indentUnit: "  ", eol: "\n" };
  const testFunction = sample?.testFunction ?? (runner === "mocha" ? "it" : "test");
  const assertion = sample?.assertion ?? defaultAssertion(runner, moduleSyntax, code);
  const apiImportLine = sample ? sample.apiImportLine : defaultApiImport(runner, moduleSyntax, testFunction, code);
  const command = commandFlags(runner, pkg.testScript);
  if (language === "ts" && runner === "node:test" && !command.nodeFlags.some((flag) => /tsx|ts-node|strip-types/.test(flag)) && !/\btsx\b/.test(pkg.testScript ?? "")) {
    if (pkg.dependencies.has("tsx")) command.nodeFlags.push("--import", "tsx");
  }
  return {
    ok: true,
    evidence,
    style: {
      runner,
      language,
      moduleSyntax,
      directory,
      suffix,
      specifierExtension: sample?.specifierExtension ?? (moduleSyntax === "esm" ? "source" : "none"),
      testFunction,
      describe: sample?.describe ?? false,
      preamble: sample?.preamble ?? [],
      apiImportLine,
      assertion,
      code,
      nodeFlags: command.nodeFlags,
      runnerFlags: command.runnerFlags,
      env: command.env,
      sample: sample?.path ?? null,
    },
  };
}

/** `users.test.ts` → `.test.ts`; `users_spec.js` → `_spec.js`; `test/users.js` → `.js`. */
export function testSuffix(path: string): string {
  const base = basenameOf(path);
  const marked = /[._-](?:test|spec)\.[cm]?[jt]sx?$/.exec(base);
  if (marked) return marked[0];
  const ext = /\.[cm]?[jt]sx?$/.exec(base);
  return ext ? ext[0] : ".js";
}

function defaultAssertion(runner: TestRunner, syntax: "esm" | "cjs", code: CodeStyle): AssertionStyle {
  if (runner === "jest" || runner === "vitest") return { kind: "expect", importLine: null };
  const q = code.quote;
  const end = code.semicolons ? ";" : "";
  const line = syntax === "esm" ? `import assert from ${q}node:assert/strict${q}${end}` : `const assert = require(${q}node:assert/strict${q})${end}`;
  return { kind: "node-assert", binding: "assert", importLine: line };
}

function defaultApiImport(runner: TestRunner, syntax: "esm" | "cjs", fn: "test" | "it", code: CodeStyle): string | null {
  const q = code.quote;
  const end = code.semicolons ? ";" : "";
  if (runner === "node:test") return syntax === "esm" ? `import { ${fn} } from ${q}node:test${q}${end}` : `const { ${fn} } = require(${q}node:test${q})${end}`;
  if (runner === "vitest") return `import { expect, ${fn} } from ${q}vitest${q}${end}`;
  return null;
}

interface CommandFlags {
  nodeFlags: string[];
  runnerFlags: string[];
  env: Record<string, string>;
}

const KEPT_NODE_FLAGS = /^--(?:import|require|loader|experimental-[\w-]+|no-warnings|enable-source-maps|conditions|env-file)(?:=|$)|^-r$/;
const FLAGS_WITH_VALUE = new Set(["--import", "--require", "-r", "--loader", "--conditions", "--env-file", "--config", "-c", "--environment", "--project", "--ui", "-u", "--timeout", "-t", "--extension"]);
const KEPT_RUNNER_FLAGS = /^--(?:config|environment|project|require|import|ui|extension|exit|timeout|experimental-vm-modules)(?:=|$)|^-[rcu]$/;

/**
 * The flags and variables of the repository's test command that a single-file run needs:
 * loaders (`--import tsx`), config (`--config`), environment variables set in front of it.
 */
export function commandFlags(runner: TestRunner, script: string | null): CommandFlags {
  const flags: CommandFlags = { nodeFlags: [], runnerFlags: [], env: {} };
  if (script === null) return flags;
  const segment = script.split(/&&|\|\||;/).find((part) => runnerFromScript(part) === runner) ?? script;
  const words = shellWords(segment);
  let index = 0;
  while (index < words.length) {
    const word = words[index]!;
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (assignment) {
      flags.env[assignment[1]!] = assignment[2]!;
      index += 1;
      continue;
    }
    if (word === "cross-env" || word === "env" || word === "npx") {
      index += 1;
      continue;
    }
    break;
  }
  const program = words[index] ?? "";
  const rest = words.slice(index + 1);
  const target = program === "node" || program === "tsx" ? flags.nodeFlags : flags.runnerFlags;
  const keep = program === "node" || program === "tsx" ? KEPT_NODE_FLAGS : KEPT_RUNNER_FLAGS;
  for (let i = 0; i < rest.length; i += 1) {
    const word = rest[i]!;
    if (!word.startsWith("-") || word === "--test") continue;
    if (!keep.test(word)) {
      if (FLAGS_WITH_VALUE.has(word)) i += 1;
      continue;
    }
    target.push(word);
    if (FLAGS_WITH_VALUE.has(word) && i + 1 < rest.length) {
      target.push(rest[i + 1]!);
      i += 1;
    }
  }
  if (program === "tsx") flags.nodeFlags.unshift("--import", "tsx");
  return flags;
}

/** Splits a script like a POSIX shell would for simple words and quotes (no expansions). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      started = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (started) words.push(current);
      current = "";
      started = false;
      continue;
    }
    current += char;
    started = true;
  }
  if (started) words.push(current);
  return words;
}

/**
 * The command that runs exactly these test files from the repository root. Mocha reads `spec`
 * from its config in addition to the files given, so it also gets a `--grep` for the titles.
 * Each runner is told to exit when its tests are done: an app that leaves a timer or a pool open
 * must not hold a run until its timeout.
 */
export function runCommand(style: TestStyle, paths: readonly string[], titles: readonly string[]): RunCommand {
  const env = { ...style.env };
  const nodeOptions = [env.NODE_OPTIONS ?? "", ...style.nodeFlags.filter((f) => f !== "--test")].filter((part) => part !== "");
  const flags = style.runnerFlags;
  switch (style.runner) {
    case "node:test":
      return { program: "node", args: [...style.nodeFlags, "--test", "--test-force-exit", ...paths], env };
    case "vitest":
      return withNodeOptions({ program: "node_modules/.bin/vitest", args: ["run", ...flags, ...paths], env }, nodeOptions);
    case "jest":
      return withNodeOptions({ program: "node_modules/.bin/jest", args: ["--ci", "--runInBand", "--forceExit", ...flags, "--runTestsByPath", ...paths], env }, nodeOptions);
    case "mocha": {
      const grep = titles.map(escapeRegExp).join("|");
      const exit = flags.includes("--exit") ? [] : ["--exit"];
      return withNodeOptions({ program: "node_modules/.bin/mocha", args: [...exit, ...flags, ...paths, ...(grep ? ["--grep", grep] : [])], env }, nodeOptions);
    }
  }
}

function withNodeOptions(command: RunCommand, nodeOptions: string[]): RunCommand {
  if (nodeOptions.length === 0) return command;
  return { ...command, env: { ...command.env, NODE_OPTIONS: nodeOptions.join(" ") } };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
