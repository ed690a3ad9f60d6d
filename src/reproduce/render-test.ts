import { parseSource } from "../fix/parse-source.ts";
import { dirnameOf, relativeSpecifier } from "../fix/posix-path.ts";
import type { AppHandle, ModuleImport } from "./app-access.ts";
import { quoteString } from "./js-literal.ts";
import type { AnswerRead, Exercise, HarnessNames } from "./request-harness.ts";
import type { TestStyle } from "./test-style.ts";

// Writes test files in the repository's own style: its runner's test function and imports, its
// assertion library, quotes, semicolons and indentation, and its way of writing import
// specifiers. Two modes share one shape:
// - regression: the test a fix ships with. It asserts what a correct fix must do (no throw; no
//   5xx; a success carries a body) and knows nothing of Suture.
// - probe: the same exercises, many at once, each marking its start and end and recording its
//   answer in the run's records file, and never failing, so one run tries every attempt.

export interface TestCase {
  id: string;
  title: string;
  handle: AppHandle;
  exercise: Exercise;
  /** What the request was, for assertion messages ("GET /invoices/inv_9"). */
  label: string;
}

export const PROBE_TITLE_PREFIX = "suture probe ";

const RESERVED = ["sutureRecord", "sutureSerialize", "sutureThrown", "sutureAppend", "sutureThreadId"];

/** Names free in a case: not used by the setup it reuses, nor by the file's helpers. */
export function namesFor(handle: AppHandle, extraTaken: Iterable<string> = []): HarnessNames {
  const taken = new Set<string>([...RESERVED, ...extraTaken]);
  const texts = [...handle.imports.map((line) => (typeof line === "string" ? line : line.local)), ...handle.statements, ...handle.teardown, handle.expression];
  for (const text of texts) for (const match of text.matchAll(/[A-Za-z_$][\w$]*/g)) taken.add(match[0]);
  return {
    fresh(preferred: string): string {
      let name = preferred;
      for (let n = 2; taken.has(name); n += 1) name = `${preferred}${n}`;
      taken.add(name);
      return name;
    },
  };
}

export interface RenderedTest {
  content: string;
  /** Titles of the tests in the file (mocha runs them with --grep). */
  titles: string[];
  /** Cases left out because their imports clash with an earlier case's. */
  skipped: string[];
}

export function renderTestFile(style: TestStyle, path: string, cases: readonly TestCase[], mode: "regression" | "probe"): RenderedTest {
  const eol = style.code.eol;
  const headerLines: string[] = [];
  const bound = new Map<string, string>();
  const skipped: string[] = [];
  const kept: TestCase[] = [];

  const addImport = (line: string, locals: string[]): boolean => {
    if (line === "" || headerLines.includes(line)) return true;
    if (locals.some((local) => bound.has(local))) return false;
    for (const local of locals) bound.set(local, line);
    headerLines.push(line);
    return true;
  };

  addImport(apiImport(style), [style.testFunction]);
  if (mode === "regression" && style.assertion.importLine) addImport(style.assertion.importLine, assertionLocals(style));
  if (mode === "probe") {
    for (const line of probeImports(style)) addImport(line, localsOf(line, path));
  }
  for (const testCase of cases) {
    const lines = [
      ...testCase.handle.imports.map((spec) => (typeof spec === "string" ? spec : renderModuleImport(spec, path, style))),
      ...builtinImports(testCase.exercise, style),
    ];
    const snapshot = { header: [...headerLines], bound: new Map(bound) };
    const fits = lines.every((line) => addImport(line, localsOf(line, path)));
    if (!fits) {
      headerLines.splice(0, headerLines.length, ...snapshot.header);
      bound.clear();
      for (const [k, v] of snapshot.bound) bound.set(k, v);
      skipped.push(testCase.id);
      continue;
    }
    kept.push(testCase);
  }

  const body: string[] = [];
  if (mode === "probe") body.push(...probeHelpers(style));
  const titles: string[] = [];
  for (const testCase of kept) {
    const title = mode === "probe" ? `${PROBE_TITLE_PREFIX}${testCase.id}` : testCase.title;
    titles.push(title);
    body.push("", ...(mode === "probe" ? probeCase(style, testCase, title) : regressionCase(style, testCase, title)));
  }
  const preamble = style.preamble.length > 0 ? [...style.preamble, ""] : [];
  const content = [...preamble, ...headerLines, ...body].join(eol) + eol;
  return { content, titles, skipped };
}

function apiImport(style: TestStyle): string {
  const line = style.apiImportLine;
  if (line !== null && new RegExp(`\\b${style.testFunction}\\b`).test(line)) return line;
  if (line === null && (style.runner === "jest" || style.runner === "mocha")) return "";
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  const module = style.runner === "vitest" ? "vitest" : "node:test";
  if (line === null && style.runner === "vitest") return "";
  const names = style.runner === "vitest" && style.assertion.kind === "expect" ? `expect, ${style.testFunction}` : style.testFunction;
  return style.moduleSyntax === "esm" ? `import { ${names} } from ${q(module)}${end}` : `const { ${names} } = require(${q(module)})${end}`;
}

function assertionLocals(style: TestStyle): string[] {
  if (style.assertion.kind === "node-assert") return [style.assertion.binding];
  return ["expect"];
}

/** Names an import line binds (parsed, so `{ a as b }` and destructured requires count right). */
function localsOf(line: string, path: string): string[] {
  if (line === "") return [];
  try {
    const program = parseSource(path, line).program;
    const locals: string[] = [];
    for (const statement of program.body) {
      if (statement.type === "ImportDeclaration") for (const specifier of statement.specifiers) locals.push(specifier.local.name);
      if (statement.type === "VariableDeclaration") {
        for (const declarator of statement.declarations) {
          if (declarator.id.type === "Identifier") locals.push(declarator.id.name);
          if (declarator.id.type === "ObjectPattern") {
            for (const property of declarator.id.properties) {
              if (property.type === "ObjectProperty" && property.value.type === "Identifier") locals.push(property.value.name);
            }
          }
        }
      }
    }
    return locals;
  } catch {
    return [];
  }
}

export function renderModuleImport(spec: ModuleImport, fromPath: string, style: TestStyle): string {
  const end = style.code.semicolons ? ";" : "";
  const specifier = quoteString(specifierFor(fromPath, spec.module, style.specifierExtension), style.code.quote);
  if (style.moduleSyntax === "esm") {
    if (spec.name === "default") return `import ${spec.local} from ${specifier}${end}`;
    if (spec.name === "*") return spec.system === "cjs" ? `import ${spec.local} from ${specifier}${end}` : `import * as ${spec.local} from ${specifier}${end}`;
    return `import { ${spec.name === spec.local ? spec.name : `${spec.name} as ${spec.local}`} } from ${specifier}${end}`;
  }
  if (spec.name === "default" || spec.name === "*") {
    return spec.system === "cjs" || spec.name === "*" ? `const ${spec.local} = require(${specifier})${end}` : `const ${spec.local} = require(${specifier}).default${end}`;
  }
  return `const { ${spec.name === spec.local ? spec.name : `${spec.name}: ${spec.local}`} } = require(${specifier})${end}`;
}

/** A relative specifier from a test file to a module, with the extension the repository writes. */
export function specifierFor(fromPath: string, modulePath: string, extension: TestStyle["specifierExtension"]): string {
  const relative = relativeSpecifier(dirnameOf(fromPath), modulePath);
  if (extension === "source") return relative;
  if (extension === "js") return relative.replace(/\.tsx?$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs");
  return relative.replace(/\.(?:[cm]?[jt]s|[jt]sx)$/, "");
}

function builtinImports(exercise: Exercise, style: TestStyle): string[] {
  const end = style.code.semicolons ? ";" : "";
  return exercise.builtins.map((builtin) => {
    const module = quoteString(builtin.module, style.code.quote);
    const binding = builtin.local === builtin.name ? builtin.name : style.moduleSyntax === "esm" ? `${builtin.name} as ${builtin.local}` : `${builtin.name}: ${builtin.local}`;
    return style.moduleSyntax === "esm" ? `import { ${binding} } from ${module}${end}` : `const { ${binding} } = require(${module})${end}`;
  });
}

function indent(lines: readonly string[], unit: string, depth: number): string[] {
  const pad = unit.repeat(depth);
  return lines.flatMap((line) => line.split("\n")).map((line) => (line === "" ? "" : `${pad}${line}`));
}

function assertions(style: TestStyle, answer: AnswerRead, label: string): string[] {
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  if (answer.kind === "value") return valueAssertions(style, answer.value);
  const { status, body } = answer;
  switch (style.assertion.kind) {
    case "node-assert": {
      const a = style.assertion.binding;
      return [
        `${a}.ok(${status} < 500, ${q(`${label} answered `)} + ${status} + ${q(": ")} + ${body})${end}`,
        `${a}.ok(${status} >= 300 || ${body} !== ${q("")}, ${q("a success answer carries a body")})${end}`,
      ];
    }
    case "expect":
      return [`expect(${status}).toBeLessThan(500)${end}`, `if (${status} < 300) expect(${body}).not.toBe(${q("")})${end}`];
    case "chai-expect":
      return [`expect(${status}, ${q(label)}).to.be.below(500)${end}`, `if (${status} < 300) expect(${body}).to.not.equal(${q("")})${end}`];
  }
}

/** A crash turned into a wrong value is not a fix: nothing it returns may be NaN or undefined. */
function valueAssertions(style: TestStyle, value: string): string[] {
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  const ts = style.language === "ts";
  const marker = q("<missing>");
  const replacer = `const missing = (key${ts ? ": string" : ""}, item${ts ? ": unknown" : ""}) => (key !== ${q("")} && (item === undefined || Number.isNaN(item) || (typeof item === ${q("string")} && /\\bundefined\\b|\\bNaN\\b/.test(item))) ? ${marker} : item)${end}`;
  const text = `String(JSON.stringify(${value}, missing))`;
  switch (style.assertion.kind) {
    case "node-assert":
      return [replacer, `${style.assertion.binding}.ok(!${text}.includes(${marker}), ${q("no NaN or undefined in what it returns: ")} + ${text})${end}`];
    case "expect":
      return [replacer, `expect(${text}).not.toContain(${marker})${end}`];
    case "chai-expect":
      return [replacer, `expect(${text}).to.not.include(${marker})${end}`];
  }
}

function regressionCase(style: TestStyle, testCase: TestCase, title: string): string[] {
  const unit = style.code.indentUnit;
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  const { handle, exercise } = testCase;
  const finalLines = [...exercise.cleanup, ...handle.teardown];
  const work = [...exercise.lines, ...assertions(style, exercise.answer, testCase.label)];
  const inner = finalLines.length === 0 ? work : ["try {", ...indent(work, unit, 1), "} finally {", ...indent(finalLines, unit, 1), "}"];
  return [`${style.testFunction}(${q(title)}, async () => {`, ...indent([...handle.statements, ...exercise.prepare, ...inner], unit, 1), `})${end}`];
}

function probeCase(style: TestStyle, testCase: TestCase, title: string): string[] {
  const unit = style.code.indentUnit;
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  const { handle, exercise } = testCase;
  const id = q(testCase.id);
  const answer =
    exercise.answer.kind === "response"
      ? `{ kind: ${q("response")}, status: Number(${exercise.answer.status}), body: String(${exercise.answer.body} ?? ""), contentType: ${exercise.answer.contentType ?? "null"} ?? null }`
      : `{ kind: ${q("returned")}, value: sutureSerialize(${exercise.answer.value}) }`;
  const record = `sutureRecord({ kind: ${q("answer")}, attempt: ${id}, answer: ${answer} })${end}`;
  const finalLines = [...exercise.cleanup, ...handle.teardown];
  const work = [...exercise.lines, record];
  const inner = finalLines.length === 0 ? work : ["try {", ...indent(work, unit, 1), "} finally {", ...indent(finalLines, unit, 1), "}"];
  return [
    `${style.testFunction}(${q(title)}, async () => {`,
    ...indent(
      [
        `sutureRecord({ kind: ${q("mark")}, attempt: ${id} })${end}`,
        "try {",
        ...indent([...handle.statements, ...exercise.prepare, ...inner], unit, 1),
        "} catch (error) {",
        ...indent([`sutureRecord({ kind: ${q("answer")}, attempt: ${id}, answer: sutureThrown(error) })${end}`], unit, 1),
        "} finally {",
        ...indent([`sutureRecord({ kind: ${q("mark")}, attempt: null })${end}`], unit, 1),
        "}",
      ],
      unit,
      1,
    ),
    `})${end}`,
  ];
}

function probeImports(style: TestStyle): string[] {
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  if (style.moduleSyntax === "esm") {
    return [`import { appendFileSync as sutureAppend } from ${q("node:fs")}${end}`, `import { threadId as sutureThreadId } from ${q("node:worker_threads")}${end}`];
  }
  return [`const { appendFileSync: sutureAppend } = require(${q("node:fs")})${end}`, `const { threadId: sutureThreadId } = require(${q("node:worker_threads")})${end}`];
}

function probeHelpers(style: TestStyle): string[] {
  const ts = style.language === "ts";
  const end = style.code.semicolons ? ";" : "";
  const q = (text: string) => quoteString(text, style.code.quote);
  const unit = style.code.indentUnit;
  const lines = [
    `function sutureRecord(entry${ts ? ": Record<string, unknown>" : ""})${ts ? ": void" : ""} {`,
    `${unit}const file = process.env.SUTURE_ORACLE_OUT${end}`,
    `${unit}if (file) sutureAppend(file, JSON.stringify({ ...entry, pid: process.pid, thread: sutureThreadId }) + ${q("\n")})${end}`,
    "}",
    "",
    `function sutureSerialize(value${ts ? ": unknown" : ""})${ts ? ": string" : ""} {`,
    `${unit}try {`,
    `${unit}${unit}const text = JSON.stringify(value, (key, item) => (item === undefined ? ${q("undefined")} : typeof item === ${q("number")} && !Number.isFinite(item) ? String(item) : item))${end}`,
    `${unit}${unit}return text === undefined ? ${q("undefined")} : text${end}`,
    `${unit}} catch (error) {`,
    `${unit}${unit}return String(value)${end}`,
    `${unit}}`,
    "}",
    "",
    `function sutureThrown(error${ts ? ": any" : ""}) {`,
    `${unit}return { kind: ${q("threw")}, type: error && error.name ? String(error.name) : typeof error, message: error && error.message !== undefined ? String(error.message) : String(error) }${end}`,
    "}",
  ];
  return lines;
}
