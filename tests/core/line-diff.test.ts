import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/core/line-diff.ts";

describe("diffLines", () => {
  it("finds nothing between equal texts", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual({ added: [], removed: [] });
  });

  it("numbers added lines in the new text and removed lines in the old", () => {
    expect(diffLines("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n")).toEqual({
      added: [
        { line: 2, text: "x" },
        { line: 5, text: "e" },
      ],
      removed: [{ line: 2, text: "b" }],
    });
  });

  it("treats a created file as all added and a deleted one as all removed", () => {
    expect(diffLines("", "a\nb\n").added).toHaveLength(2);
    expect(diffLines("a\nb\n", "").removed).toHaveLength(2);
  });

  it("ignores CRLF versus LF and a final newline", () => {
    expect(diffLines("a\r\nb\r\n", "a\nb")).toEqual({ added: [], removed: [] });
  });

  it("keeps a moved block as a move, not a rewrite of everything", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    const after = "1\n2\n6\n3\n4\n5\n7\n8\n";
    const diff = diffLines(before, after);
    expect(diff.added.length + diff.removed.length).toBe(2);
  });

  it("finds a minimal edit script (added + removed = n + m − 2·LCS)", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const lcs = (a: string[], b: string[]) => {
      const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          table[i][j] = a[i - 1] === b[j - 1] ? table[i - 1][j - 1] + 1 : Math.max(table[i - 1][j], table[i][j - 1]);
      return table[a.length][b.length];
    };
    for (let trial = 0; trial < 200; trial++) {
      const a = Array.from({ length: Math.floor(random() * 12) }, () => "abcd"[Math.floor(random() * 4)]);
      const b = Array.from({ length: Math.floor(random() * 12) }, () => "abcd"[Math.floor(random() * 4)]);
      const diff = diffLines(a.join("\n"), b.join("\n"));
      expect(diff.added.length + diff.removed.length).toBe(a.length + b.length - 2 * lcs(a, b));
      // Applying the script to `a` gives `b`.
      const removed = new Set(diff.removed.map((r) => r.line - 1));
      const kept = a.filter((_, i) => !removed.has(i));
      const rebuilt: string[] = [];
      const addedAt = new Map(diff.added.map((x) => [x.line - 1, x.text]));
      let k = 0;
      for (let i = 0; i < b.length; i++) rebuilt.push(addedAt.has(i) ? addedAt.get(i)! : kept[k++]);
      expect(rebuilt).toEqual(b);
    }
  });

  it("diffs a 3,000-line file with scattered edits quickly", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i % 300 === 7 ? `${line} changed` : line));
    const started = performance.now();
    const diff = diffLines(before.join("\n"), after.join("\n"));
    expect(performance.now() - started).toBeLessThan(200);
    expect(diff.added).toHaveLength(10);
    expect(diff.removed).toHaveLength(10);
  });

  it("counts two unrelated large files as fully rewritten", () => {
    const before = Array.from({ length: 2000 }, (_, i) => `old ${i}`).join("\n");
    const after = Array.from({ length: 2000 }, (_, i) => `new ${i}`).join("\n");
    const diff = diffLines(before, after);
    expect(diff.added).toHaveLength(2000);
    expect(diff.removed).toHaveLength(2000);
  });
});
