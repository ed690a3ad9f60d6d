import { describe, expect, it } from "vitest";
import { applyModelEdits, countOccurrences, normalizeModelPath } from "../../../src/fix/model/apply-edits.ts";
import { memoryRepo } from "../fix-context.ts";

const repo = memoryRepo({
  "src/a.ts": "const a = 1;\nconst b = 2;\nexport { a, b };\n",
  "src/crlf.ts": "let x = 1;\r\nlet y = 2;\r\n",
  "tests/a.test.ts": "test('a', () => {});\n",
});

describe("applying model edits", () => {
  it("applies edits on one file in order and returns whole-file before/after", async () => {
    const result = await applyModelEdits({
      repo,
      regressionTest: null,
      edits: [
        { file: "./src/a.ts", search: "const a = 1;", replace: "const a = 10;" },
        { file: "src/a.ts", search: "const a = 10;\nconst b = 2;", replace: "const a = 10;\nconst b = 20;" },
      ],
    });
    expect(result).toEqual({ ok: true, changes: [{ path: "src/a.ts", before: "const a = 1;\nconst b = 2;\nexport { a, b };\n", after: "const a = 10;\nconst b = 20;\nexport { a, b };\n" }] });
  });

  it("matches LF search text in a CRLF file and keeps its line endings", async () => {
    const result = await applyModelEdits({ repo, regressionTest: null, edits: [{ file: "src/crlf.ts", search: "let x = 1;\nlet y = 2;", replace: "const x = 1;\nlet y = 2;" }] });
    expect(result).toMatchObject({ ok: true, changes: [{ after: "const x = 1;\r\nlet y = 2;\r\n" }] });
  });

  it.each([
    [{ file: "src/missing.ts", search: "x", replace: "y" }, "edit 1: src/missing.ts does not exist in the repository; edits may only change existing files"],
    [{ file: "src/a.ts", search: "const c", replace: "y" }, "edit 1: the search text was not found in src/a.ts; copy it exactly from the file"],
    [{ file: "src/a.ts", search: "const ", replace: "let " }, "edit 1: the search text matches 2 places in src/a.ts; it must match exactly once"],
    [{ file: "../outside.ts", search: "x", replace: "y" }, 'edit 1: the path "../outside.ts" leaves the repository (..)'],
    [{ file: "node_modules/x/index.js", search: "x", replace: "y" }, 'edit 1: the path "node_modules/x/index.js" is inside node_modules; third-party code is not patched'],
    [{ file: "src/a.ts", search: "const a = 1;", replace: "const a = 1;" }, "the edits change nothing"],
  ])("refuses %j", async (edit, reason) => {
    expect(await applyModelEdits({ repo, regressionTest: null, edits: [edit] })).toEqual({ ok: false, reason });
  });

  it("adds one new regression test under a test path, and refuses any other new file or an existing test", async () => {
    const edits = [{ file: "src/a.ts", search: "const a = 1;", replace: "const a = 2;" }];
    const added = await applyModelEdits({ repo, edits, regressionTest: { path: "tests/b.test.ts", content: "test('b', () => {});\n" } });
    expect(added.ok && added.changes.map((c) => [c.path, c.before])).toEqual([["src/a.ts", expect.any(String)], ["tests/b.test.ts", null]]);
    expect(await applyModelEdits({ repo, edits, regressionTest: { path: "tests/a.test.ts", content: "x" } })).toEqual({
      ok: false,
      reason: "regression test: tests/a.test.ts already exists; a fix may add a test, never replace one",
    });
    expect(await applyModelEdits({ repo, edits, regressionTest: { path: "tests/notes.md", content: "x" } })).toMatchObject({ ok: false });
    expect(await applyModelEdits({ repo, edits, regressionTest: { path: "src/b.ts", content: "x" } })).toMatchObject({ ok: false });
  });

  it("counts non-overlapping occurrences and normalizes the model's paths", () => {
    expect(countOccurrences("aaaa", "aa")).toBe(2);
    expect(countOccurrences("abc", "")).toBe(0);
    expect(normalizeModelPath(" ./src/a.ts ")).toEqual({ path: "src/a.ts" });
    expect(normalizeModelPath("src//a.ts")).toEqual({ problem: '"src//a.ts" is not normalized' });
    expect(normalizeModelPath("C:\\\\src\\\\a.ts")).toMatchObject({ problem: expect.stringContaining("backslashes") });
  });
});
