import { describe, expect, it } from "vitest";
import { parseSource } from "../../src/fix/parse-source.ts";
import type { AppHandle } from "../../src/reproduce/app-access.ts";
import { renderModuleImport, renderTestFile, specifierFor, type TestCase } from "../../src/reproduce/render-test.ts";
import type { Exercise } from "../../src/reproduce/request-harness.ts";
import { detectTestStyle, type TestStyle } from "../../src/reproduce/test-style.ts";

function styleOf(path: string, content: string, packageJson: object = {}): TestStyle {
  const detection = detectTestStyle({ files: [path], packageJson: JSON.stringify(packageJson), tests: [{ path, content }] });
  if (!detection.ok) throw new Error(detection.reason);
  return detection.style;
}

const nodeTest = styleOf("test/a.test.js", 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { x } from "../src/x.js";\n', { type: "module" });
const mocha = styleOf("test/a.spec.js", "const assert = require('assert')\nconst { x } = require('../src/x')\ndescribe('a', function () {\n  it('b', function () {})\n})\n", { scripts: { test: "mocha" } });
const jest = styleOf("__tests__/a.test.js", 'const { x } = require("../src/x");\ntest("a", () => {\n  expect(1).toBe(1);\n});\n', { scripts: { test: "jest" } });
const vitest = styleOf("tests/a.test.ts", 'import { expect, it } from "vitest";\nimport { x } from "../src/x.js";\nit("a", () => {\n  expect(x).toBe(1);\n});\n');

const handle: AppHandle = {
  imports: [{ module: "src/app.ts", name: "createApp", local: "createApp", system: "esm" }],
  statements: ["const app = createApp();"],
  teardown: [],
  expression: "app",
  testFile: null,
};
const exercise: Exercise = {
  builtins: [{ module: "node:http", name: "createServer", local: "createServer" }],
  prepare: ["const server = createServer(app);"],
  lines: ['const response = await fetch("http://127.0.0.1/x");', "const text = await response.text();"],
  cleanup: ["server.close();"],
  answer: { kind: "response", status: "response.status", body: "text", contentType: 'response.headers.get("content-type")' },
};
const testCase: TestCase = { id: "r1", title: "GET /x answers without a server error", handle, exercise, label: "GET /x" };

function parses(path: string, content: string): boolean {
  parseSource(path, content);
  return true;
}

describe("renderTestFile", () => {
  it("writes a node:test regression test with strict assert and ES imports", () => {
    const { content, titles } = renderTestFile(nodeTest, "test/app-regression.test.js", [testCase], "regression");
    expect(titles).toEqual(["GET /x answers without a server error"]);
    expect(content).toContain('import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { createApp } from "../src/app.ts";\nimport { createServer } from "node:http";\n');
    expect(content).toContain('test("GET /x answers without a server error", async () => {\n  const app = createApp();\n  const server = createServer(app);\n  try {\n');
    expect(content).toContain('    assert.ok(response.status < 500, "GET /x answered " + response.status + ": " + text);\n');
    expect(content).toContain("  } finally {\n    server.close();\n  }\n});\n");
    expect(content).not.toMatch(/suture/i);
    expect(parses("test/app-regression.test.js", content)).toBe(true);
  });

  it("writes mocha with requires and no semicolons, jest with globals, vitest with its imports", () => {
    const cjsCase = { ...testCase, handle: { ...handle, imports: [{ module: "src/app.js", name: "createApp", local: "createApp", system: "cjs" as const }] } };
    const mochaFile = renderTestFile(mocha, "test/app.spec.js", [cjsCase], "regression").content;
    expect(mochaFile).toContain("const assert = require('assert')\nconst { createApp } = require('../src/app')\nconst { createServer } = require('node:http')\n\nit('GET /x answers");
    expect(mochaFile).toContain("    assert.ok(response.status < 500, 'GET /x answered ' + response.status + ': ' + text)\n");
    const jestFile = renderTestFile(jest, "__tests__/app.test.js", [cjsCase], "regression").content;
    expect(jestFile.startsWith('const { createApp } = require("../src/app");')).toBe(true);
    expect(jestFile).toContain("    expect(response.status).toBeLessThan(500);\n");
    const vitestFile = renderTestFile(vitest, "tests/app.test.ts", [testCase], "regression").content;
    expect(vitestFile).toContain('import { expect, it } from "vitest";\nimport { createApp } from "../src/app.js";\n');
    for (const [path, content] of [["test/app.spec.js", mochaFile], ["__tests__/app.test.js", jestFile], ["tests/app.test.ts", vitestFile]] as const) {
      expect(parses(path, content)).toBe(true);
    }
  });

  it("writes a probe that marks each attempt, records its answer and never fails", () => {
    const second = { ...testCase, id: "s1", title: "GET /y" };
    const { content, titles } = renderTestFile(vitest, "tests/suture-probe-1.test.ts", [testCase, second], "probe");
    expect(titles).toEqual(["suture probe r1", "suture probe s1"]);
    expect(content).toContain('import { appendFileSync as sutureAppend } from "node:fs";');
    expect(content).toContain('  sutureRecord({ kind: "mark", attempt: "r1" });\n  try {\n');
    expect(content).toContain('sutureRecord({ kind: "answer", attempt: "r1", answer: { kind: "response", status: Number(response.status), body: String(text ?? ""), contentType: response.headers.get("content-type") ?? null } });');
    expect(content).toContain('  } catch (error) {\n    sutureRecord({ kind: "answer", attempt: "r1", answer: sutureThrown(error) });\n  } finally {\n    sutureRecord({ kind: "mark", attempt: null });\n  }\n');
    expect(content).not.toContain("expect(");
    expect(parses("tests/suture-probe-1.test.ts", content)).toBe(true);
  });

  it("leaves out an attempt whose imports clash with an earlier one's", () => {
    const clashing = { ...testCase, id: "r2", handle: { ...handle, imports: ['import { createApp } from "../other/app.ts";'] } };
    const rendered = renderTestFile(nodeTest, "test/p.test.js", [testCase, clashing], "probe");
    expect(rendered.skipped).toEqual(["r2"]);
    expect(rendered.titles).toEqual(["suture probe r1"]);
  });

  it("asserts a returned value holds no NaN or undefined", () => {
    const call: TestCase = { ...testCase, exercise: { builtins: [], prepare: [], lines: ["const result = await total(order);"], cleanup: [], answer: { kind: "value", value: "result" } } };
    const content = renderTestFile(nodeTest, "test/t.test.js", [call], "regression").content;
    expect(content).toContain('assert.ok(!String(JSON.stringify(result, missing)).includes("<missing>")');
    const missing = Function(`${/const missing = (.*);\n/.exec(content)![1]!.replace(/^/, "return ")}`)() as (key: string, value: unknown) => unknown;
    expect(JSON.stringify({ a: 1, b: Number.NaN, c: undefined, d: "total: undefined" }, missing)).toBe('{"a":1,"b":"<missing>","c":"<missing>","d":"<missing>"}');
    expect(JSON.stringify(undefined, missing)).toBeUndefined();
  });
});

describe("specifiers", () => {
  it("writes each repository's specifier style", () => {
    expect(specifierFor("test/a.test.ts", "src/app.ts", "source")).toBe("../src/app.ts");
    expect(specifierFor("test/a.test.ts", "src/app.ts", "js")).toBe("../src/app.js");
    expect(specifierFor("test/a.test.js", "src/app.js", "none")).toBe("../src/app");
    expect(specifierFor("app.test.js", "app.js", "source")).toBe("./app.js");
  });

  it("imports CommonJS and ES exports the way each syntax can", () => {
    expect(renderModuleImport({ module: "src/h.js", name: "default", local: "handler", system: "cjs" }, "test/x.test.js", jest)).toBe('const handler = require("../src/h");');
    expect(renderModuleImport({ module: "src/h.ts", name: "default", local: "handler", system: "esm" }, "test/x.test.ts", vitest)).toBe('import handler from "../src/h.js";');
    expect(renderModuleImport({ module: "src/h.js", name: "getOrder", local: "getOrder", system: "cjs" }, "test/x.test.js", nodeTest)).toBe('import { getOrder } from "../src/h.js";');
  });
});
