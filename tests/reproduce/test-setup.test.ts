import { describe, expect, it } from "vitest";
import { walk } from "../../src/fix/ast-tools.ts";
import { readModuleFacts } from "../../src/reproduce/module-facts.ts";
import { extractSetup } from "../../src/reproduce/test-setup.ts";
import type * as t from "@babel/types";

function siteOf(source: string, text: string) {
  const facts = readModuleFacts("test/a.test.js", source, new Set(["test/a.test.js"]))!;
  let site: t.Node | null = null;
  walk(facts.program, (node) => {
    if (site === null && node.type === "CallExpression" && source.slice(node.start ?? 0, node.end ?? 0).startsWith(text)) site = node;
  });
  return { facts, site };
}

describe("extractSetup", () => {
  it("copies what the name needs, through the file, the suite, its hooks and the test, in order", () => {
    const source = [
      'import { createApp } from "../src/app.js";',
      'import { seed, unused } from "./seed.js";',
      "const config = { debug: false };",
      "const other = 1;",
      "describe('api', () => {",
      "  let db;",
      "  let app;",
      "  beforeEach(async () => {",
      "    db = await seed();",
      "    db.reset();",
      "    app = createApp({ db, config });",
      "  });",
      "  afterEach(() => db.close());",
      "  it('answers', async () => {",
      "    const token = 'abc';",
      "    assert.ok(app);",
      "    await app.inject({ url: '/', headers: { token } });",
      "  });",
      "});",
    ].join("\n");
    const { facts, site } = siteOf(source, "app.inject");
    expect(extractSetup(facts, "app", site, ["token"])).toEqual({
      ok: true,
      setup: {
        imports: ['import { createApp } from "../src/app.js";', 'import { seed, unused } from "./seed.js";'],
        statements: ["const config = { debug: false };", "let db;", "let app;", "db = await seed();", "db.reset();", "app = createApp({ db, config });", "const token = 'abc';"],
        teardown: ["db.close()"],
      },
    });
  });

  it("refuses a setup that needs what only the runner provides there", () => {
    const { facts, site } = siteOf("test('x', async (t) => {\n  const app = build(t.name);\n  await app.listen(0);\n});\nfunction build(name) { return name; }\n", "app.listen");
    expect(extractSetup(facts, "app", site)).toEqual({ ok: false, reason: "its setup uses `t`, which only the test runner provides there" });
  });
});
