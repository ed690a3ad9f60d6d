import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/diagnose/classify.ts";
import { assembleModelContext, importStatements, MAX_PROMPT_CHARS } from "../../../src/fix/model/context.ts";
import { memoryRepo } from "../fix-context.ts";
import { group, REPO_FILES, sample } from "./fixtures.ts";

const classification = classifyError("RangeError", "Invalid array length");

describe("model context", () => {
  it("shows at most three samples and the in-app frames with ±20 lines of source, culprit first", async () => {
    const samples = [1, 2, 3, 4, 5].map((n) => sample({ event_id: `evt-${n}`, message: `Invalid array length (sample ${n})` }));
    const context = await assembleModelContext({
      group: group({}, samples),
      culprit: { file: "src/lib/money.ts", line: 10, column: 16, function: "installments" },
      classification,
      repo: memoryRepo(REPO_FILES),
      nearMissPatterns: ["property-of-nullish"],
      previousAttempts: [],
    });
    expect(context.frames.map((f) => `${f.file}:${f.line}`)).toEqual(["src/lib/money.ts:10", "src/routes/checkout.ts:5"]);
    expect(context.shownFiles).toEqual(["src/lib/money.ts", "src/routes/checkout.ts"]);
    expect(context.prompt).toContain("(sample 3)");
    expect(context.prompt).not.toContain("(sample 4)");
    expect(context.prompt).toContain("considered but did not fit this code: property-of-nullish");
    expect(context.prompt).toMatch(/ 1 \| \/\/ Prices are integer cents everywhere\./);
    expect(context.prompt).not.toContain("node_modules/router/index.js around line");
  });

  it("bounds the window to ±20 lines and long lines, and the whole prompt", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `export const v${i} = "${"x".repeat(i === 100 ? 5_000 : 10)}";`).join("\n");
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`src/f${i}.ts`, long]));
    const frames = Array.from({ length: 30 }, (_, i) => ({ file: `src/f${i}.ts`, function: `f${i}`, line: 101, column: 1, inApp: true }));
    const context = await assembleModelContext({
      group: group({}, [sample({ frames })]),
      culprit: null,
      classification,
      repo: memoryRepo(files),
      nearMissPatterns: [],
      previousAttempts: [],
    });
    expect(context.prompt.length).toBeLessThanOrEqual(MAX_PROMPT_CHARS + 5_000);
    expect(context.prompt).toContain(' 81 | export const v80 = "xxxxxxxxxx";');
    expect(context.prompt).not.toContain(' 80 | export const v79');
    expect(context.prompt).toContain("… [truncated");
    expect(context.shownFiles.length).toBeLessThanOrEqual(6);
  });

  it("lists the culprit file's import declarations, verbatim", () => {
    expect(importStatements("src/a.ts", 'import { a } from "./a.ts";\nimport type {\n  B,\n} from "./b.ts";\nconst fs = require("node:fs");\nexport { c } from "./c.ts";\nconst x = 1;\n')).toEqual([
      'import { a } from "./a.ts";',
      'import type {\n  B,\n} from "./b.ts";',
      'const fs = require("node:fs");',
      'export { c } from "./c.ts";',
    ]);
  });
});
