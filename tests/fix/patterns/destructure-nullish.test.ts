import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { generateFixCandidates, proposeFixes } from "../../../src/fix/pattern-library.ts";
import { fixContext, lineOf } from "../fix-context.ts";

async function candidates(file: string, source: string, marker: string, message: string) {
  const found = await generateFixCandidates(fixContext({ file, source, line: lineOf(source, marker), message }));
  for (const candidate of found) expect(parsesCleanly(file, candidate.changes[0]!.after ?? "")).toBe(true);
  return found;
}

describe("destructure-nullish", () => {
  it("answers 400 in an Express handler when req.body is missing (no body parser)", async () => {
    const source = `router.post("/login", async (req, res) => {
  const { email, password } = req.body;
  const session = await auth.login(email, password);
  return res.status(200).json(session);
});
`;
    const found = await candidates("src/routes/auth.js", source, "req.body", "Cannot destructure property 'email' of 'req.body' as it is undefined.");
    expect(found.map((item) => item.style)).toEqual(["early-response"]);
    expect(found[0]!.changes[0]!.after).toBe(`router.post("/login", async (req, res) => {
  if (req.body == null) return res.status(400).json({ error: "request body is required" });
  const { email, password } = req.body;
  const session = await auth.login(email, password);
  return res.status(200).json(session);
});
`);
  });

  it("refuses an empty-object default whose destructured names are then written into a string, and proposes nothing else", async () => {
    const source = `function connect(options) {
  const { host, port } = options.db || options.database;
  return \`\${host}:\${port}\`;
}
`;
    const ctx = fixContext({ file: "lib/connect.js", source, line: lineOf(source, "const { host"), message: "Cannot destructure property 'host' of 'undefined' as it is undefined." });
    const { candidates: sound, dropped } = await proposeFixes(ctx);
    expect(sound).toEqual([]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.candidate.changes[0]!.after).toBe(source.replace("= options.db || options.database;", "= (options.db || options.database) ?? {};"));
    expect(dropped[0]!.problems.map((problem) => problem.rule)).toEqual(["default-provides-members", "default-provides-members"]);
  });

  it("refuses a parameter default of {} whose fields end up in the page as \"undefined\"", async () => {
    const source = `export function render({ title, body }) {
  return \`<h1>\${title}</h1>\${body}\`;
}
`;
    const ctx = fixContext({ file: "lib/render.js", source, line: lineOf(source, "export function render"), message: "Cannot destructure property 'title' of 'undefined' as it is undefined." });
    const { candidates: sound, dropped } = await proposeFixes(ctx);
    expect(sound).toEqual([]);
    expect(dropped[0]!.candidate.changes[0]!.after).toBe(source.replace("render({ title, body })", "render({ title, body } = {})"));
    expect(dropped[0]!.reason).toContain('written into a string ("undefined")');
  });

  it("gives an untyped destructured parameter a default when every field has a default of its own", async () => {
    const source = `export function paginate({ page = 1, size = 20 }) {
  return { offset: (page - 1) * size, limit: size };
}
`;
    const [best] = await candidates("lib/paginate.js", source, "export function paginate", "Cannot destructure property 'page' of 'undefined' as it is undefined.");
    expect(best!.changes[0]!.after).toBe(source.replace("paginate({ page = 1, size = 20 })", "paginate({ page = 1, size = 20 } = {})"));
    expect(best!.expectation.outcome).toBe("completes");
  });

  it("prefers an early return of the declared type in TypeScript; ?? {} would put undefined into the result", async () => {
    const source = `export function summary(order?: Order): string | null {
  const { id, total } = order;
  return \`\${id}: \${total}\`;
}
`;
    const found = await candidates("src/summary.ts", source, "= order;", "Cannot destructure property 'id' of 'undefined' as it is undefined.");
    expect(found.map((item) => item.style)).toEqual(["early-return"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace("  const { id, total } = order;", "  if (order == null) return null;\n  const { id, total } = order;"));
  });

  it("finds a destructuring written over several lines from any of its lines", async () => {
    const source = `export function sum(input) {
  const {
    a = 0,
    b = 0,
  } = input;
  return a + b;
}
`;
    const [best] = await candidates("lib/sum.js", source, "} = input", "Cannot destructure property 'a' of 'undefined' as it is undefined.");
    expect(best!.changes[0]!.after).toBe(source.replace("} = input;", "} = input ?? {};"));
  });

  it("skips the null entries of a list whose callback destructures each entry", async () => {
    const source = `export function gallery(listing) {
  return listing.photos.map(({ url, width }) => ({ src: url, width }));
}
`;
    const found = await candidates("lib/gallery.js", source, "listing.photos.map", "Cannot destructure property 'url' of 'object null' as it is null.");
    expect(found.map((item) => item.style)).toEqual(["skip-missing"]);
    expect(found[0]!.changes[0]!.after).toBe(source.replace("listing.photos.map(", "listing.photos.filter((photo) => photo != null).map("));
    expect(found[0]!.rank.strategy).toBe("normalize");
  });

  it("declines a typed destructured parameter (a default would have to satisfy its type)", async () => {
    const source = `export function area({ width, height }: Size): number {
  return width * height;
}
`;
    expect(await candidates("src/area.ts", source, "export function area", "Cannot destructure property 'width' of 'undefined' as it is undefined.")).toEqual([]);
  });

  it("declines a lookup result destructured in a handler (splitting it is more than a minimal change)", async () => {
    const source = `app.get("/u/:id", async (req, res) => {
  const { name } = await db.find(req.params.id);
  res.json({ name });
});
`;
    expect(await candidates("src/u.js", source, "const { name }", "Cannot destructure property 'name' of 'undefined' as it is undefined.")).toEqual([]);
  });
});
