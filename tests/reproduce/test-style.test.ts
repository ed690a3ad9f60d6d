import { describe, expect, it } from "vitest";
import { commandFlags, detectTestStyle, runCommand, shellWords, testFilePaths, testSuffix, type TestStyle } from "../../src/reproduce/test-style.ts";

function style(facts: Parameters<typeof detectTestStyle>[0]): TestStyle {
  const detection = detectTestStyle(facts);
  if (!detection.ok) throw new Error(detection.reason);
  return detection.style;
}

describe("detectTestStyle", () => {
  it("reads node:test with strict assert, ESM and the tsx loader from a TypeScript test", () => {
    const detected = style({
      files: ["package.json", "src/app.ts", "test/cards.test.ts"],
      packageJson: JSON.stringify({ type: "module", scripts: { test: "node --import tsx --test test/*.test.ts" }, devDependencies: { tsx: "4" } }),
      tests: [{ path: "test/cards.test.ts", content: 'import { describe, it } from "node:test";\nimport assert from "node:assert/strict";\nimport { app } from "../src/app.ts";\n\ndescribe("cards", () => {\n  it("works", async () => {\n    assert.equal(1, 1);\n  });\n});\n' }],
    });
    expect(detected).toMatchObject({
      runner: "node:test",
      language: "ts",
      moduleSyntax: "esm",
      directory: "test",
      suffix: ".test.ts",
      specifierExtension: "source",
      testFunction: "it",
      describe: true,
      apiImportLine: 'import { describe, it } from "node:test";',
      assertion: { kind: "node-assert", binding: "assert", importLine: 'import assert from "node:assert/strict";' },
      nodeFlags: ["--import", "tsx"],
      code: { quote: '"', semicolons: true, indentUnit: "  " },
    });
  });

  it("reads mocha with CommonJS requires, single quotes and no semicolons", () => {
    const detected = style({
      files: ["package.json", ".mocharc.json", "lib/app.js", "test/cart.spec.js"],
      packageJson: JSON.stringify({ scripts: { test: "mocha --exit" }, devDependencies: { mocha: "11" } }),
      tests: [{ path: "test/cart.spec.js", content: "'use strict'\n\nconst assert = require('node:assert')\nconst { createApp } = require('../lib/app')\n\ndescribe('carts', function () {\n  it('adds', async function () {\n    assert.strictEqual(1, 1)\n  })\n})\n" }],
    });
    expect(detected).toMatchObject({
      runner: "mocha",
      language: "js",
      moduleSyntax: "cjs",
      suffix: ".spec.js",
      specifierExtension: "none",
      testFunction: "it",
      apiImportLine: null,
      assertion: { kind: "node-assert", binding: "assert" },
      runnerFlags: ["--exit"],
      preamble: ["'use strict'"],
      code: { quote: "'", semicolons: false },
    });
  });

  it("reads jest from globals and expect when the tests import nothing from a runner", () => {
    const detected = style({
      files: ["package.json", "test/handler.test.js"],
      packageJson: JSON.stringify({ scripts: { test: "jest" } }),
      tests: [{ path: "test/handler.test.js", content: 'const { getOrder } = require("../src/handler");\n\ntest("counts", async () => {\n  expect(1).toBe(1);\n});\n' }],
    });
    expect(detected).toMatchObject({ runner: "jest", moduleSyntax: "cjs", testFunction: "test", apiImportLine: null, assertion: { kind: "expect", importLine: null } });
  });

  it("reads vitest and chai's expect from the imports themselves, whatever the script says", () => {
    const vitest = style({
      files: ["test/amount.spec.ts"],
      packageJson: JSON.stringify({ scripts: { test: "npm run build && vitest run --dir test" } }),
      tests: [{ path: "test/amount.spec.ts", content: 'import { expect, test } from "vitest";\nimport { invoiceAmount } from "../src/amount";\n' }],
    });
    expect(vitest).toMatchObject({ runner: "vitest", suffix: ".spec.ts", specifierExtension: "none", assertion: { kind: "expect" }, runnerFlags: [] });
    const chai = style({
      files: ["test/reminders.test.js"],
      packageJson: JSON.stringify({ type: "module", scripts: { test: "mocha 'test/**/*.test.js'" } }),
      tests: [{ path: "test/reminders.test.js", content: 'import { expect } from "chai";\nimport { dueReminders } from "../lib/reminders.js";\n\ndescribe("x", function () {\n  it("y", function () {});\n});\n' }],
    });
    expect(chai).toMatchObject({ runner: "mocha", specifierExtension: "source", assertion: { kind: "chai-expect", importLine: 'import { expect } from "chai";' } });
  });

  it("writes NodeNext-style `.js` specifiers when TypeScript tests import `.js`", () => {
    const detected = style({ files: [], packageJson: null, tests: [{ path: "tests/a.test.ts", content: 'import { test } from "vitest";\nimport { buildApp } from "../src/app.js";\n' }] });
    expect(detected.specifierExtension).toBe("js");
  });

  it("falls back to node:test in a repository without tests", () => {
    const detected = style({ files: ["package.json", "src/index.js"], packageJson: JSON.stringify({ type: "module" }), tests: [] });
    expect(detected).toMatchObject({ runner: "node:test", moduleSyntax: "esm", directory: "test", suffix: ".test.js", sample: null });
    expect(detected.apiImportLine).toBe('import { test } from "node:test";');
  });

  it("refuses a repository whose tests use another runner", () => {
    const detection = detectTestStyle({ files: ["test/a.js"], packageJson: JSON.stringify({ scripts: { test: "ava" } }), tests: [{ path: "test/a.js", content: 'import test from "ava";\ntest("x", (t) => t.pass());\n' }] });
    expect(detection.ok).toBe(false);
  });
});

describe("commands", () => {
  it("keeps loaders, config and variables from the test script", () => {
    expect(commandFlags("jest", "NODE_OPTIONS=--experimental-vm-modules jest --config jest.config.json --coverage")).toEqual({
      nodeFlags: [],
      runnerFlags: ["--config", "jest.config.json"],
      env: { NODE_OPTIONS: "--experimental-vm-modules" },
    });
    expect(commandFlags("node:test", "cross-env NODE_ENV=test node --import tsx --test --test-reporter spec tests/")).toEqual({
      nodeFlags: ["--import", "tsx"],
      runnerFlags: [],
      env: { NODE_ENV: "test" },
    });
    expect(commandFlags("node:test", "tsx --test test/signup.test.ts").nodeFlags).toEqual(["--import", "tsx"]);
  });

  it("runs exactly the given files with each runner", () => {
    const base = style({ files: [], packageJson: JSON.stringify({ scripts: { test: "mocha --exit" } }), tests: [{ path: "test/a.spec.js", content: "describe('a', () => { it('b', () => {}) })\n" }] });
    expect(runCommand(base, ["test/x.spec.js"], ["does not crash (GET /a?b=1)"])).toEqual({
      program: "node_modules/.bin/mocha",
      args: ["--exit", "test/x.spec.js", "--grep", "does not crash \\(GET /a\\?b=1\\)"],
      env: {},
    });
    expect(runCommand({ ...base, runner: "jest", runnerFlags: [] }, ["t.test.js"], []).args).toEqual(["--ci", "--runInBand", "--forceExit", "--runTestsByPath", "t.test.js"]);
    expect(runCommand({ ...base, runnerFlags: [] }, ["t.spec.js"], []).args).toEqual(["--exit", "t.spec.js"]);
    expect(runCommand({ ...base, runner: "vitest", runnerFlags: [] }, ["t.test.ts"], []).args).toEqual(["run", "t.test.ts"]);
    expect(runCommand({ ...base, runner: "node:test", nodeFlags: ["--import", "tsx"] }, ["t.test.ts"], [])).toMatchObject({ program: "node", args: ["--import", "tsx", "--test", "--test-force-exit", "t.test.ts"] });
  });

  it("splits shell words with quotes", () => {
    expect(shellWords(`mocha 'test/**/*.test.js' --grep "a b"`)).toEqual(["mocha", "test/**/*.test.js", "--grep", "a b"]);
  });
});

describe("test files", () => {
  it("finds tests by folder and by suffix, not fixtures or dependencies", () => {
    expect(testFilePaths(["src/a.test.ts", "test/b.js", "__tests__/c.tsx", "tests/fixtures/app/x.test.js", "node_modules/x/y.test.js", "src/a.ts", "types/a.d.ts"])).toEqual([
      "src/a.test.ts",
      "test/b.js",
      "__tests__/c.tsx",
    ]);
    expect([testSuffix("a.test.ts"), testSuffix("b_spec.js"), testSuffix("test/c.mjs")]).toEqual([".test.ts", "_spec.js", ".mjs"]);
  });
});
