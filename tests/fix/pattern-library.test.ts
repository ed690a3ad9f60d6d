import { describe, expect, it } from "vitest";
import { generateFixCandidates, patternLibrary, proposeFixes } from "../../src/fix/pattern-library.ts";
import { parsesCleanly } from "../../src/fix/parse-source.ts";
import { fixContext, lineOf } from "./fix-context.ts";

describe("patternLibrary", () => {
  it("has one pattern per error class with a unique id and a base confidence in 0..1", () => {
    const classes = patternLibrary.map((pattern) => pattern.errorClass);
    expect(new Set(classes).size).toBe(9);
    expect(new Set(patternLibrary.map((pattern) => pattern.id)).size).toBe(patternLibrary.length);
    for (const pattern of patternLibrary) {
      expect(pattern.baseConfidence).toBeGreaterThan(0);
      expect(pattern.baseConfidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("generateFixCandidates", () => {
  it("orders sound candidates by fit with the codebase, then size, and drops unsound ones with their reason", async () => {
    const source = `router.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.json({ email: user.email });
});
`;
    const ctx = fixContext({ file: "src/users.js", source, line: 3, message: "Cannot read properties of undefined (reading 'email')" });
    const { candidates, dropped } = await proposeFixes(ctx);
    expect(candidates.map((item) => item.style)).toEqual(["early-response"]);
    expect(candidates[0]!.expectation).toMatchObject({ outcome: "answers", status: 404 });
    // res.json({ email: user?.email }) answers 200 with no email: never tried.
    expect(dropped.map((item) => item.candidate.style)).toEqual(["optional-chaining"]);
    expect(dropped[0]!.reason).toMatch(/^optional-flows-safely at src\/users\.js:3: user\?\.email may now be missing/);
    expect(await generateFixCandidates(ctx)).toEqual(candidates);
  });

  it("ranks the code's own fallback for a value above an early exit and optional chaining", async () => {
    const source = `function preview(member, config) {
  const fee = config.fees[member.tier] ?? config.fees.standard;
  return fee.perDay;
}
function charge(member, days, config) {
  const fee = config.fees[member.tier];
  return Math.min(fee.perDay * days, fee.cap);
}
module.exports = { preview, charge };
`;
    const { candidates } = await proposeFixes(fixContext({ file: "lib/fees.js", source, line: 7, message: "Cannot read properties of undefined (reading 'perDay')" }));
    expect(candidates[0]!.style).toBe("code-default");
    expect(candidates[0]!.rank.fit).toBe(1);
    expect(candidates[0]!.changes[0]!.after).toBe(source.replace("  const fee = config.fees[member.tier];", "  const fee = config.fees[member.tier] ?? config.fees.standard;"));
    const ranks = candidates.map((item) => item.rank.fit);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it("returns nothing for a file that does not parse", async () => {
    const source = "const x = {;\n";
    expect(await generateFixCandidates(fixContext({ file: "a.js", source, line: 1, message: "Assignment to constant variable." }))).toEqual([]);
  });

  it("preserves CRLF line endings and tab indentation", async () => {
    const source = 'app.get("/p/:id", async (req, res) => {\r\n\tconst post = await posts.get(req.params.id);\r\n\treturn res.status(200).json({ title: post.title });\r\n});\r\n';
    const [best] = await generateFixCandidates(fixContext({ file: "src/p.js", source, line: lineOf(source, "post.title"), message: "Cannot read properties of undefined (reading 'title')" }));
    expect(best!.changes[0]!.after).toBe(
      'app.get("/p/:id", async (req, res) => {\r\n\tconst post = await posts.get(req.params.id);\r\n\tif (!post) return res.status(404).json({ error: "post not found" });\r\n\treturn res.status(200).json({ title: post.title });\r\n});\r\n',
    );
    expect(parsesCleanly("src/p.js", best!.changes[0]!.after!)).toBe(true);
  });

  it("never copies text from the error message into code", async () => {
    const source = `export const v = (o) => o.a.b;\n`;
    const message = `Cannot read properties of undefined (reading 'b'); process.exit(1) //')`;
    const found = await generateFixCandidates(fixContext({ file: "x.js", source, line: 1, message }));
    for (const candidate of found) expect(candidate.changes[0]!.after).not.toContain("process.exit");
  });
});
