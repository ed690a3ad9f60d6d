import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { constAssignmentPattern } from "../../../src/fix/patterns/const-assignment.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function generate(file: string, source: string, marker: string, message = "Assignment to constant variable.") {
  const found = await constAssignmentPattern.generate(fixContext({ file, source, line: lineOf(source, marker), message }));
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("const-assignment", () => {
  it("turns the reassigned const into let, changing nothing else", async () => {
    const source = `export function total(items: { price: number }[]): number {
  const sum = 0;
  for (const item of items) {
    sum += item.price;
  }
  return sum;
}
`;
    const [fix] = await generate("src/total.ts", source, "sum +=");
    expect(fix!.style).toBe("let-binding");
    expect(fix!.baseConfidence).toBe(0.93);
    expect(fix!.changes[0]!.after).toBe(source.replace("  const sum = 0;", "  let sum = 0;"));
    expect(fix!.rootCause).toBe("src/total.ts:4: sum is declared const at src/total.ts:2 and reassigned here.");
  });

  it("handles ++ on a module-level const in CommonJS", async () => {
    const source = `const count = 0\nfunction hit() {\n  count++\n}\nmodule.exports = { hit }\n`;
    const [fix] = await generate("lib/hits.js", source, "count++");
    expect(fix!.changes[0]!.after).toBe(`let count = 0\nfunction hit() {\n  count++\n}\nmodule.exports = { hit }\n`);
  });

  it("uses the name Firefox gives to pick among writes", async () => {
    const source = `let a = 1;\nconst b = 2;\na = 3; b = 4;\n`;
    const [fix] = await generate("x.js", source, "a = 3", "invalid assignment to const 'b'");
    expect(fix!.changes[0]!.after).toBe(`let a = 1;\nlet b = 2;\na = 3; b = 4;\n`);
  });

  it("declines a reassigned import binding", async () => {
    const source = `import { limit } from "./config.js";\nexport function raise() {\n  limit = 10;\n}\n`;
    expect(await generate("src/raise.js", source, "limit = 10")).toEqual([]);
  });

  it("declines a name taken from a destructuring or a multi-declarator const", async () => {
    const destructured = `const { retries, delay } = options;\nretries = retries - 1;\n`;
    expect(await generate("a.js", destructured, "retries = retries")).toEqual([]);
    const multiple = `const x = 1, y = 2;\nx = 5;\n`;
    expect(await generate("b.js", multiple, "x = 5")).toEqual([]);
  });

  it("declines when the line reassigns nothing declared const", async () => {
    const source = `let x = 1;\nx = 2;\n`;
    expect(await generate("c.js", source, "x = 2")).toEqual([]);
  });
});
