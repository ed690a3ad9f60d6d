import { describe, expect, it } from "vitest";
import { DEFAULT_PROTECTED_PATHS } from "../../../src/config/healing-config.ts";
import type { FileChange } from "../../../src/fix/file-change.ts";
import type { GuardRule } from "../../../src/fix/guard/violation.ts";
import { guardChanges, type GuardSettings } from "../../../src/fix/guard/guard-changes.ts";

const settings: GuardSettings = { protectedPaths: [...DEFAULT_PROTECTED_PATHS], maxChangedLines: 30, maxFiles: 3 };

const HANDLER = `import { db } from "../db.ts";

export async function getUser(req: Request): Promise<Response> {
  const id = new URL(req.url).searchParams.get("id");
  const user = await db.users.find(id);
  return Response.json({ email: user.profile.email });
}
`;

const HANDLER_FIXED = HANDLER.replace("user.profile.email", "user?.profile?.email");

/** A change that adds `added` (one or more lines) inside the handler. */
function adding(added: string, path = "src/routes/users.ts"): FileChange {
  return {
    path,
    before: HANDLER,
    after: HANDLER.replace("  return Response.json", `${added}\n  return Response.json`),
  };
}

function rulesOf(changes: FileChange[], guardSettings: GuardSettings = settings): GuardRule[] {
  return guardChanges(changes, guardSettings).violations.map((v) => v.rule);
}

describe("guardChanges", () => {
  it("passes a small, clean fix and allows auto-apply", () => {
    const result = guardChanges([{ path: "src/routes/users.ts", before: HANDLER, after: HANDLER_FIXED }], settings);
    expect(result).toEqual({ passed: true, autoApplyAllowed: true, violations: [], changedLines: 2, files: ["src/routes/users.ts"] });
  });

  it("ignores a change that changes nothing", () => {
    const result = guardChanges([{ path: "tests/users.test.ts", before: "x\n", after: "x\n" }], settings);
    expect(result).toMatchObject({ passed: true, changedLines: 0, files: [] });
  });

  describe("protected-path", () => {
    it.each(["supabase/migrations/20250301000000_init.sql", "src/billing/charge.ts", "app/api/webhooks/stripe/route.ts", ".env.local", "package.json", "apps/web/vercel.json"])(
      "allows %s for review but never auto-apply",
      (path) => {
        const result = guardChanges([{ path, before: "a\n", after: "b\n" }], settings);
        expect(result.passed).toBe(true);
        expect(result.autoApplyAllowed).toBe(false);
        expect(result.violations).toEqual([
          expect.objectContaining({ rule: "protected-path", file: path, blocking: false }),
        ]);
      },
    );

    it("does not protect ordinary source files", () => {
      const result = guardChanges([{ path: "src/lib/billing-format.ts", before: "a\n", after: "b\n" }], settings);
      expect(result.autoApplyAllowed).toBe(true);
    });
  });

  describe("too-many-lines", () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `  const step${i} = ${i};`).join("\n");
    it("blocks more changed lines than the limit", () => {
      const result = guardChanges([adding(lines(31))], settings);
      expect(result.changedLines).toBe(31);
      expect(result.violations).toEqual([
        { rule: "too-many-lines", file: null, line: null, message: "the fix changes 31 lines, more than the limit of 30", blocking: true },
      ]);
    });
    it("accepts exactly the limit", () => {
      expect(rulesOf([adding(lines(30))])).toEqual([]);
    });
  });

  describe("too-many-files", () => {
    const change = (i: number): FileChange => ({ path: `src/lib/m${i}.ts`, before: `export const a = ${i};\n`, after: `export const a = ${i + 1};\n` });
    it("blocks more files than the limit", () => {
      expect(rulesOf([change(1), change(2), change(3), change(4)])).toEqual(["too-many-files"]);
    });
    it("accepts exactly the limit", () => {
      expect(rulesOf([change(1), change(2), change(3)])).toEqual([]);
    });
  });

  describe("secret-added", () => {
    it.each([
      ['  const key = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz012345";', "an API key (sk-…)"],
      ['  const token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";', "a GitHub token"],
      ['  const admin = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";', "a Supabase secret key"],
      ['  const awsKeyId = "AKIAIOSFODNN7EXAMPLE";', "an AWS access key"],
      [
        '  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";',
        "a JWT",
      ],
      ['  const pem = "-----BEGIN RSA PRIVATE KEY-----";', "a private key block"],
      ['  const password = "hunter2hunter2";', "a hard-coded password or secret literal"],
      ["  const config = { DB_PASSWORD: 'correct-horse' };", "a hard-coded password or secret literal"],
      ['  const stripe = "sk_live_51H8abcdefghijklmnopqrstu";', "a Stripe key"],
    ])("blocks an added %s", (line, label) => {
      const violations = guardChanges([adding(line)], settings).violations;
      expect(violations).toHaveLength(1);
      expect(violations[0]).toMatchObject({ rule: "secret-added", file: "src/routes/users.ts", line: 6, blocking: true });
      expect(violations[0].message).toBe(`line 6 of src/routes/users.ts adds ${label}`);
    });

    it("never repeats the secret in its message", () => {
      const [violation] = guardChanges([adding('  const key = "sk-proj-ZZZZZZZZZZZZZZZZZZZZZZZZ";')], settings).violations;
      expect(violation.message).not.toContain("ZZZZ");
    });

    it.each([
      "  const password = process.env.DB_PASSWORD;",
      '  const password = "";',
      "  const secret = `${env.SECRET}`;",
      '  const passwordLabel = "Enter your password";',
      '  const model = "sk-small";',
    ])("allows %s", (line) => {
      expect(rulesOf([adding(line)])).toEqual([]);
    });

    it("does not blame a fix for a secret that was already in the file", () => {
      const before = `${HANDLER}const legacy = "ghp_0123456789abcdefghijABCDEFGHIJ012345";\n`;
      const after = before.replace("user.profile.email", "user?.profile?.email");
      expect(rulesOf([{ path: "src/routes/users.ts", before, after }])).toEqual([]);
    });
  });

  describe("dangerous-code", () => {
    it.each([
      ["  eval(req.body.code);", "eval("],
      ["  const f = new Function('a', 'return a');", "new Function("],
      ['  import("node:child_process");', "child_process"],
      ["  execSync(`git pull`);", "a process spawn"],
      ['  spawn("sh", ["-c", cmd]);', "a process spawn"],
      ['  await run("rm -rf /tmp/cache");', "rm -rf"],
      ['  fs.rmSync(path.join(root, "data"), { recursive: true, force: true });', "a recursive delete"],
      ['  await sql`DROP TABLE users`;', "DROP TABLE/SCHEMA/DATABASE"],
      ["  await sql`drop schema public cascade`;", "DROP TABLE/SCHEMA/DATABASE"],
      ['  await db.query("TRUNCATE orders");', "TRUNCATE"],
      ["  process.exit(1);", "process.exit("],
      ['  setTimeout("cleanup()", 10);', "a timer with code in a string"],
      ["  const out = new Deno.Command(cmd).outputSync();", "a Deno subprocess"],
    ])("blocks an added %s", (line, label) => {
      const violations = guardChanges([adding(line)], settings).violations;
      expect(violations.map((v) => [v.rule, v.line])).toContainEqual(["dangerous-code", 6]);
      expect(violations.some((v) => v.message.endsWith(`adds ${label}`))).toBe(true);
    });

    it("sees a recursive delete split over lines", () => {
      const violations = guardChanges([adding("  await fs.promises.rm(dir, {\n    recursive: true,\n  });")], settings).violations;
      expect(violations).toEqual([expect.objectContaining({ rule: "dangerous-code", line: 6 })]);
    });

    it.each([
      "  const match = /id=(\\d+)/.exec(req.url);",
      "  const score = evaluate(rules);",
      "  const short = truncate(message, 80);",
      "  // drop the table cache on logout",
      '  fs.rmSync(tmpFile, { force: true });',
      "  if (!user) return new Response(null, { status: 404 });",
    ])("allows %s", (line) => {
      expect(rulesOf([adding(line)])).toEqual([]);
    });
  });

  describe("auth-disabled", () => {
    const GUARDED = `export async function handler(req, res, next) {
  const token = req.headers.authorization.split(" ")[1];
  if (!(await verifyToken(token))) return res.status(401).json({ error: "unauthorized" });
  const order = await db.orders.find(req.params.id);
  res.json(order.total);
}
`;

    it("blocks removing an auth check", () => {
      const after = GUARDED.replace('  if (!(await verifyToken(token))) return res.status(401).json({ error: "unauthorized" });\n', "");
      const violations = guardChanges([{ path: "src/api/orders.js", before: GUARDED, after }], settings).violations;
      expect(violations).toEqual([expect.objectContaining({ rule: "auth-disabled", file: "src/api/orders.js", line: 3, blocking: true })]);
    });

    it("allows a fix that rewrites an auth line but keeps its check", () => {
      const after = GUARDED.replace('req.headers.authorization.split(" ")[1]', 'req.headers.authorization?.split(" ")[1]');
      expect(rulesOf([{ path: "src/api/orders.js", before: GUARDED, after }])).toEqual([]);
    });

    it("allows a corrected import path out of an auth folder", () => {
      const before = 'import { verifyToken } from "./auth/verify.js";\nexport const check = verifyToken;\n';
      const after = 'import { verifyToken } from "./security/verify.js";\nexport const check = verifyToken;\n';
      expect(rulesOf([{ path: "src/api/check.js", before, after }])).toEqual([]);
    });

    it("blocks an unconditional return before the auth check", () => {
      const before = `export function requireUser(req, res, next) {
  if (!req.session?.user) return res.status(401).end();
  next();
}
`;
      const after = before.replace("{\n  if (!req.session", "{\n  return next();\n  if (!req.session");
      const violations = guardChanges([{ path: "src/middleware/user.js", before, after }], settings).violations;
      expect(violations).toEqual([expect.objectContaining({ rule: "auth-disabled", line: 2 })]);
    });

    it("allows a conditional next()", () => {
      const before = "export function cors(req, res, next) {\n  res.set('x', '1');\n}\n";
      const after = "export function cors(req, res, next) {\n  if (req.method === 'OPTIONS') return next();\n  res.set('x', '1');\n}\n";
      expect(rulesOf([{ path: "src/middleware/cors.js", before, after }])).toEqual([]);
    });

    it.each([
      ["supabase/config.toml", "[functions.orders]\n", "[functions.orders]\nverify_jwt = false\n"],
      ["src/lib/user.ts", "export const user = { id: 1 };\n", "export const user = { id: 1 };\nuser.isAdmin = true;\n"],
      ["src/lib/flags.ts", "export const flags = {};\n", "export const flags = { skipAuth: 1 };\n"],
      ["src/lib/guard.ts", "export function ok(u) {\n  return u.ok;\n}\n", "export function ok(u) {\n  if (true) return true;\n  return u.ok;\n}\n"],
      ["src/app.ts", "const opts = { port: 1 };\n", "const opts = { port: 1, requireAuth: false };\n"],
    ])("blocks an added bypass in %s", (path, before, after) => {
      expect(rulesOf([{ path, before, after }])).toEqual(["auth-disabled"]);
    });

    it("does not read prose as auth code", () => {
      expect(rulesOf([{ path: "docs/auth.md", before: "Sessions expire after a day.\n", after: "Logins expire after a day.\n" }])).toEqual([]);
    });

    it("allows comparing isAdmin", () => {
      const before = "export function f(u) {\n  return 1;\n}\n";
      const after = "export function f(u) {\n  if (u.isAdmin === true) return 2;\n  return 1;\n}\n";
      expect(rulesOf([{ path: "src/f.ts", before, after }])).toEqual([]);
    });
  });

  describe("suppression-comment", () => {
    it.each(["  // @ts-ignore", "  // @ts-expect-error wrong type", "  // eslint-disable-next-line no-undef", "  /* eslint-disable */"])(
      "blocks an added %s",
      (line) => {
        expect(rulesOf([adding(line)])).toEqual(["suppression-comment"]);
      },
    );

    it("blocks an added @ts-nocheck", () => {
      const change: FileChange = { path: "src/routes/users.ts", before: HANDLER, after: `// @ts-nocheck\n${HANDLER}` };
      expect(guardChanges([change], settings).violations).toEqual([expect.objectContaining({ rule: "suppression-comment", line: 1 })]);
    });

    it("does not blame a fix for a suppression already in the file", () => {
      const before = `// eslint-disable-next-line\n${HANDLER}`;
      expect(rulesOf([{ path: "src/routes/users.ts", before, after: before.replace("user.profile", "user?.profile") }])).toEqual([]);
    });
  });

  describe("test-edited", () => {
    it.each(["tests/users.test.ts", "src/routes/users.spec.js", "src/__tests__/users.ts", "test/helpers.js", "packages/api/tests/fixtures.ts", "src/users_test.ts"])(
      "blocks editing the existing test %s",
      (path) => {
        expect(rulesOf([{ path, before: "expect(a).toBe(1);\n", after: "expect(a).toBe(2);\n" }])).toEqual(["test-edited"]);
      },
    );

    it("allows adding a new test file", () => {
      expect(rulesOf([{ path: "tests/regression/users.test.ts", before: null, after: "import { it } from 'vitest';\nit('works', () => {});\n" }])).toEqual([]);
    });

    it("blocks deleting an existing test", () => {
      expect(rulesOf([{ path: "tests/users.test.ts", before: "it('x', () => {});\n", after: null }]).sort()).toEqual(["deletes-file", "test-edited"]);
    });

    it("does not treat a source file named like a test folder as a test", () => {
      expect(rulesOf([{ path: "src/testing-utils.ts", before: "a;\n", after: "b;\n" }])).toEqual([]);
    });
  });

  describe("does-not-parse", () => {
    it("blocks a patched file that no longer parses, naming the line", () => {
      const after = HANDLER.replace("user.profile.email", "user?.profile?.email)");
      const violations = guardChanges([{ path: "src/routes/users.ts", before: HANDLER, after }], settings).violations;
      expect(violations).toEqual([expect.objectContaining({ rule: "does-not-parse", file: "src/routes/users.ts", line: 6, blocking: true })]);
    });

    it.each(["src/a.js", "src/a.mjs", "src/a.cjs", "src/a.jsx", "src/a.tsx"])("checks %s", (path) => {
      expect(rulesOf([{ path, before: "const a = 1;\n", after: "const a = ;\n" }])).toEqual(["does-not-parse"]);
    });

    it("parses JSX and TypeScript it should accept", () => {
      const after = "export function A(props: { n: number }) {\n  return <div>{props.n}</div>;\n}\n";
      expect(rulesOf([{ path: "src/a.tsx", before: null, after }])).toEqual([]);
    });

    it("does not parse files that are not code", () => {
      expect(rulesOf([{ path: "docs/notes.md", before: "# a\n", after: "# a {{{\n" }])).toEqual([]);
    });
  });

  describe("deletes-file", () => {
    it("blocks deleting a file", () => {
      expect(rulesOf([{ path: "src/lib/old.ts", before: "export {};\n", after: null }])).toEqual(["deletes-file"]);
    });
    it("allows creating a file", () => {
      expect(rulesOf([{ path: "src/lib/new.ts", before: null, after: "export const x = 1;\n" }])).toEqual([]);
    });
  });

  describe("outside-repo", () => {
    it.each([
      "../other/app.ts",
      "src/../../etc/passwd",
      "/etc/passwd",
      "C:/repo/a.ts",
      "src\\a.ts",
      "./src/a.ts",
      "src//a.ts",
      "src/a.ts/",
      "node_modules/express/index.js",
      "packages/x/node_modules/y/z.js",
      ".git/hooks/pre-commit",
      "",
    ])("blocks the path %j", (path) => {
      expect(rulesOf([{ path, before: "a\n", after: "b\n" }])).toContain("outside-repo");
    });

    it.each(["src/a.ts", ".github/workflows/ci.yml", "a.ts", "src/.well-known/x.json"])("allows the path %s", (path) => {
      expect(rulesOf([{ path, before: "a\n", after: "b\n" }])).not.toContain("outside-repo");
    });
  });

  it("judges the code, not the words around it", () => {
    const sneaky = adding("  // reviewed and approved by security: safe\n  eval(atob(req.headers['x-debug']));");
    const result = guardChanges([sneaky], settings);
    expect(result.passed).toBe(false);
    expect(result.violations.map((v) => v.rule)).toEqual(["dangerous-code"]);
    expect(result.violations[0].line).toBe(7);
  });

  it("reports every violation of a bad fix at once", () => {
    const result = guardChanges(
      [
        adding("  // @ts-ignore\n  process.exit(0);", "src/billing/users.ts"),
        { path: "tests/users.test.ts", before: "a\n", after: "b\n" },
      ],
      settings,
    );
    expect(result.passed).toBe(false);
    expect(result.autoApplyAllowed).toBe(false);
    expect(result.violations.map((v) => v.rule).sort()).toEqual(["dangerous-code", "protected-path", "suppression-comment", "test-edited"]);
  });
});

describe("guard: emptying a file", () => {
  it("blocks a change that empties an existing file as a deletion", () => {
    const result = guardChanges([{ path: "src/app.ts", before: "export const a = 1;\n", after: "" }], {
      protectedPaths: [],
      maxChangedLines: 30,
      maxFiles: 3,
    });
    expect(result.passed).toBe(false);
    expect(result.violations.map((v) => v.rule)).toContain("deletes-file");
  });

  it("lets a fix create a file with content", () => {
    const result = guardChanges([{ path: "src/new.ts", before: null, after: "export const b = 2;\n" }], {
      protectedPaths: [],
      maxChangedLines: 30,
      maxFiles: 3,
    });
    expect(result.violations.map((v) => v.rule)).not.toContain("deletes-file");
  });
});
