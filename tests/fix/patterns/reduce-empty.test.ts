import { describe, expect, it } from "vitest";
import { reduceEmptyPattern } from "../../../src/fix/patterns/reduce-empty.ts";
import { fixContext, lineOf } from "../fix-context.ts";

const MESSAGE = "Reduce of empty array with no initial value";

async function generate(file: string, source: string, marker: string) {
  return reduceEmptyPattern.generate(fixContext({ file, source, line: lineOf(source, marker), message: MESSAGE }));
}

describe("reduce-empty", () => {
  it("starts a sum of a list typed number[] at 0", async () => {
    const source = `export function total(lines: { cents: number }[]): number {
  const taxes: number[] = lines.map((line) => line.cents * 0.2);
  return Math.round(taxes.reduce((sum, tax) => sum + tax));
}
`;
    const [fix] = await generate("src/total.ts", source, "taxes.reduce");
    expect(fix!.changes[0]!.after).toBe(source.replace("sum + tax))", "sum + tax, 0))"));
    expect(fix!.expectation).toEqual({ outcome: "completes", description: "an empty taxes sums to 0" });
  });

  it("follows the file's own way of summing in JavaScript", async () => {
    const source = `const net = (lines) => lines.reduce((sum, line) => sum + line.net, 0);
const tax = (lines) => lines.map((line) => line.tax).reduce((acc, value) => {
  return acc + value;
});
module.exports = { net, tax };
`;
    const [fix] = await generate("lib/sums.js", source, ".reduce((acc");
    expect(fix!.changes[0]!.after).toContain("return acc + value;\n}, 0);");
  });

  it("declines what has no honest empty value: a max, a merge, or a sum the code never shows to be numeric", async () => {
    expect(await generate("a.js", "const top = (xs) => xs.reduce((a, b) => Math.max(a, b));\n", "reduce")).toEqual([]);
    expect(await generate("b.js", "const all = (xs) => xs.reduce((a, b) => ({ ...a, ...b }));\n", "reduce")).toEqual([]);
    expect(await generate("c.js", "const joined = (xs) => xs.reduce((a, b) => a + b);\n", "reduce")).toEqual([]);
  });
});
