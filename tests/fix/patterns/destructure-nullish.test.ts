import { describe, expect, it } from "vitest";
import { parsesCleanly } from "../../../src/fix/parse-source.ts";
import { generateFixCandidates } from "../../../src/fix/pattern-library.ts";
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
  if (!req.body) return res.status(400).json({ error: "request body is required" });
  const { email, password } = req.body;
  const session = await auth.login(email, password);
  return res.status(200).json(session);
});
`);
  });

  it("defaults to an empty object in JavaScript library code, wrapping a || expression in parentheses", async () => {
    const source = `function connect(options) {
  const { host, port } = options.db || options.database;
  return \`\${host}:\${port}\`;
}
`;
    const [best] = await candidates("lib/connect.js", source, "const { host", "Cannot destructure property 'host' of 'undefined' as it is undefined.");
    expect(best!.style).toBe("default-value");
    expect(best!.changes[0]!.after).toBe(source.replace("= options.db || options.database;", "= (options.db || options.database) ?? {};"));
  });

  it("gives an untyped destructured parameter a default", async () => {
    const source = `export function render({ title, body }) {
  return \`<h1>\${title}</h1>\${body}\`;
}
`;
    const [best] = await candidates("lib/render.js", source, "export function render", "Cannot destructure property 'title' of 'undefined' as it is undefined.");
    expect(best!.changes[0]!.after).toBe(source.replace("render({ title, body })", "render({ title, body } = {})"));
  });

  it("prefers an early return of the declared type in TypeScript, where ?? {} would not typecheck", async () => {
    const source = `export function summary(order?: Order): string | null {
  const { id, total } = order;
  return \`\${id}: \${total}\`;
}
`;
    const found = await candidates("src/summary.ts", source, "= order;", "Cannot destructure property 'id' of 'undefined' as it is undefined.");
    expect(found[0]!.style).toBe("early-return");
    expect(found[0]!.changes[0]!.after).toBe(source.replace("  const { id, total } = order;", "  if (order == null) return null;\n  const { id, total } = order;"));
    expect(found[1]!.style).toBe("default-value");
    expect(found[1]!.baseConfidence).toBeLessThan(0.75);
  });

  it("finds a destructuring written over several lines from any of its lines", async () => {
    const source = `export function sum(input) {
  const {
    a,
    b,
  } = input;
  return a + b;
}
`;
    const [best] = await candidates("lib/sum.js", source, "} = input", "Cannot destructure property 'a' of 'undefined' as it is undefined.");
    expect(best!.changes[0]!.after).toBe(source.replace("} = input;", "} = input ?? {};"));
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
