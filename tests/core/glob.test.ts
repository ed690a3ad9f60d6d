import { describe, expect, it } from "vitest";
import { matchesGlob } from "../../src/core/glob.ts";

describe("matchesGlob", () => {
  it.each([
    [".env", ".env*", true],
    [".env.local", ".env*", true],
    ["apps/web/.env.production", ".env*", true],
    ["src/env.ts", ".env*", false],
    ["package.json", "package.json", true],
    ["packages/api/package.json", "package.json", true],
    ["package.jsonc", "package.json", false],
    ["supabase/migrations/20250101_init.sql", "supabase/migrations/**", true],
    ["supabase/functions/heal/index.ts", "supabase/migrations/**", false],
    ["other/supabase/migrations/x.sql", "supabase/migrations/**", false],
    ["billing/invoice.ts", "**/billing/**", true],
    ["src/features/billing/invoice.ts", "**/billing/**", true],
    ["src/Billing/Invoice.ts", "**/billing/**", true],
    ["src/billing.ts", "**/billing/**", false],
    ["src/a.test.ts", "**/*.test.*", true],
    ["src/a.test", "**/*.test.*", false],
    ["src/a.ts", "src/?.ts", true],
    ["src/ab.ts", "src/?.ts", false],
    ["src/a/b/c.ts", "src/*/c.ts", false],
    ["src/a/b/c.ts", "src/**/c.ts", true],
    ["src/c.ts", "src/**/c.ts", true],
    ["src/a.ts", "src/", true],
    ["src/a.ts", "./src/*.ts", true],
    ["src/.hidden.ts", "src/*.ts", true],
    ["a(b).ts", "a(b).ts", true],
    ["axb.ts", "a.b.ts", false],
    ["src/x.ts", "", false],
  ])("%s against %s is %s", (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });
});
