import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORACLE_OUTPUT_ENV, ORACLE_PRELOAD_SOURCE, ORACLE_ROOT_ENV } from "../../src/reproduce/oracle-preload.ts";
import { targetOf } from "../../src/reproduce/oracle.ts";
import { evidenceFromOutput, exceptionsInOutput, recordsInOutput } from "../../src/reproduce/output-evidence.ts";

const target = targetOf({
  error: { type: "TypeError", message: "Cannot read properties of undefined (reading 'length')" },
  culprit: { file: "src/handler.js", function: "getOrder", line: 7, column: 24 },
  frames: [],
  fingerprint: "f",
  failingRequests: [],
  successfulRequests: [],
});

const CHECKOUT = "/home/runner/work/orders/orders";

describe("exceptionsInOutput", () => {
  it("reads stacks from node:test's TAP output", () => {
    const output = [
      "not ok 1 - counts items",
      "  ---",
      "  error: 'Cannot read properties of undefined (reading ''length'')'",
      "  ...",
      "# TypeError: Cannot read properties of undefined (reading 'length')",
      `#     at getOrder (${CHECKOUT}/src/handler.js:7:24)`,
      "#     at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "# tests 1",
    ].join("\n");
    const [exception] = exceptionsInOutput(output);
    expect(exception).toMatchObject({ type: "TypeError", message: "Cannot read properties of undefined (reading 'length')" });
    expect(exception!.frames.map((frame) => [frame.file, frame.function])).toEqual([
      ["node:internal/process/task_queues", "process.processTicksAndRejections"],
      ["src/handler.js", "getOrder"],
    ]);
  });

  it("reads jest's indented stacks and vitest's ❯ frames, colours stripped", () => {
    const jest = `    TypeError: Cannot read properties of undefined (reading 'length')\n\n       5 |   const order = loadOrder(id);\n    >  7 |     items: order.items.length,\n         |                        ^\n\n      at getOrder (src/handler.js:7:24)\n`;
    expect(exceptionsInOutput(jest)[0]?.frames).toMatchObject([{ file: "src/handler.js", function: "getOrder", line: 7 }]);
    const jestWhole = `    TypeError: Cannot read properties of undefined (reading 'length')\n      at getOrder (${CHECKOUT}/src/handler.js:7:24)\n      at Object.<anonymous> (${CHECKOUT}/test/handler.test.js:9:28)`;
    expect(exceptionsInOutput(jestWhole)[0]?.frames.at(-1)).toMatchObject({ file: "src/handler.js", line: 7 });
    const vitest = "\u001b[31mTypeError: tag.map is not a function\u001b[39m\n \u001b[36m❯\u001b[39m Object.<anonymous> src/routes/orders.ts:13:38\n ❯ tests/orders.test.ts:20:5\n";
    expect(exceptionsInOutput(vitest)[0]?.frames.map((frame) => [frame.file, frame.line])).toEqual([
      ["tests/orders.test.ts", 20],
      ["src/routes/orders.ts", 13],
    ]);
  });
});

describe("evidenceFromOutput", () => {
  const output = `TypeError: Cannot read properties of undefined (reading 'length')\n    at getOrder (${CHECKOUT}/src/handler.js:7:24)\n`;
  const run = { commit: "c0ffee", exitCode: 1, timedOut: false, durationMs: 900, outputTail: "1 failed", output };

  it("is the failing run whose output shows the incident's error", () => {
    expect(evidenceFromOutput(run, target)).toMatchObject({ observer: "test-output", commit: "c0ffee", exitCode: 1, matched: { type: "TypeError" } });
  });

  it("is nothing when the run passed, timed out, or showed another error", () => {
    expect(evidenceFromOutput({ ...run, exitCode: 0 }, target)).toBeNull();
    expect(evidenceFromOutput({ ...run, timedOut: true, exitCode: null }, target)).toBeNull();
    expect(evidenceFromOutput({ ...run, output: output.replace("'length'", "'id'") }, target)).toBeNull();
  });
});

describe("recordsInOutput", () => {
  it("reads the records the preload prints to stderr when told to (SUTURE_ORACLE_OUT=-)", () => {
    const dir = mkdtempSync(join(tmpdir(), "suture-oracle-log-"));
    try {
      writeFileSync(join(dir, "preload.cjs"), ORACLE_PRELOAD_SOURCE);
      mkdirSync(join(dir, "app"));
      writeFileSync(join(dir, "app", "total.js"), "exports.total = (order) => order.lines.length;\n");
      writeFileSync(join(dir, "app", "main.js"), 'try { require("./total").total(null); } catch {}\nconsole.log("done");\n');
      const run = spawnSync(process.execPath, ["--require", join(dir, "preload.cjs"), join(dir, "app", "main.js")], {
        env: { ...process.env, [ORACLE_OUTPUT_ENV]: "-", [ORACLE_ROOT_ENV]: join(dir, "app") },
        encoding: "utf8",
      });
      expect(run.stdout).toBe("done\n");
      const parsed = recordsInOutput(`noise\n${run.stderr}more noise\n`);
      expect(parsed.records).toHaveLength(1);
      expect(parsed.records[0]).toMatchObject({ kind: "exception", className: "TypeError" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
