import { describe, expect, it } from "vitest";
import { generateFixCandidates, patternLibrary } from "../../src/fix/pattern-library.ts";
import { parsesCleanly } from "../../src/fix/parse-source.ts";
import { fixContext, lineOf } from "./fix-context.ts";

describe("patternLibrary", () => {
  it("has one pattern per error class with a unique id and a base confidence in 0..1", () => {
    const classes = patternLibrary.map((pattern) => pattern.errorClass);
    expect(new Set(classes).size).toBe(7);
    expect(new Set(patternLibrary.map((pattern) => pattern.id)).size).toBe(patternLibrary.length);
    for (const pattern of patternLibrary) {
      expect(pattern.baseConfidence).toBeGreaterThan(0);
      expect(pattern.baseConfidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("generateFixCandidates", () => {
  it("orders candidates best first", async () => {
    const source = `router.get("/users/:id", async (req, res) => {
  const user = await db.users.findById(req.params.id);
  res.json({ email: user.email });
});
`;
    const found = await generateFixCandidates(fixContext({ file: "src/users.js", source, line: 3, message: "Cannot read properties of undefined (reading 'email')" }));
    expect(found.map((item) => item.style)).toEqual(["early-response", "optional-chaining"]);
    const confidences = found.map((item) => item.baseConfidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
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
