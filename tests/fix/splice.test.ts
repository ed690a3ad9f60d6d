import { describe, expect, it } from "vitest";
import { SpliceOverlapError, applySplices } from "../../src/fix/splice.ts";

describe("applySplices", () => {
  it("applies replacements and insertions given against the original offsets, in any order", () => {
    const source = "const a = b.c;";
    expect(applySplices(source, [{ start: 11, end: 12, text: "?." }, { start: 0, end: 5, text: "let" }])).toBe("let a = b?.c;");
  });

  it("keeps insertions at the same offset in the order given", () => {
    expect(applySplices("xy", [{ start: 1, end: 1, text: "1" }, { start: 1, end: 1, text: "2" }])).toBe("x12y");
  });

  it("rejects overlapping edits with a typed error", () => {
    expect(() => applySplices("abcdef", [{ start: 0, end: 3, text: "" }, { start: 2, end: 4, text: "" }])).toThrow(SpliceOverlapError);
    expect(() => applySplices("abc", [{ start: 2, end: 9, text: "" }])).toThrow(SpliceOverlapError);
  });
});
