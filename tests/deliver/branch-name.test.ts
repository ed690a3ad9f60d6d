import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fixBranchName, isRevertBranch, revertBranchName, slugify } from "../../src/deliver/branch-name.ts";

describe("fixBranchName", () => {
  it("uses the first 8 fingerprint characters and a slug of the title", () => {
    expect(fixBranchName("a1b2c3d4e5f60718", "TypeError: Cannot read properties of undefined (reading 'name')")).toBe(
      "suture/a1b2c3d4-typeerror-cannot-read-properties-of-unde",
    );
  });

  it("keeps the slug within 40 characters of [a-z0-9-] without dangling dashes", () => {
    const slug = fixBranchName("ffffffff", "fix(users): guard missing user in GET /users/:id — très bien").slice("suture/ffffffff-".length);
    expect(slug).toBe("fix-users-guard-missing-user-in-get-user");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slugify("Ünïcödé façade")).toBe("unicode-facade");
    expect(slugify("----")).toBe("fix");
    expect(slugify("名前が見つかりません")).toBe("fix");
  });

  it("falls back when the fingerprint has no usable characters", () => {
    expect(fixBranchName("::::", "x")).toBe("suture/unknown-x");
    expect(fixBranchName("ABCDEF0123", "x")).toBe("suture/abcdef01-x");
  });

  it("always yields a name git accepts, for hostile titles (fuzzed)", () => {
    const pieces = ["..", "@{", "@", ".lock", "/", "//", "\\", "~", "^", ":", "?", "*", "[", "\n", "\r\n", "\t", " ", "\u0000",
      "\u007f", "é", "ß", "名", "🙂", "\u202e", "-", "--", ".", "HEAD", "refs/heads/", "Suture-Trace: evil", "a", "Z9", "x".repeat(60)];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const names: string[] = [];
    for (let i = 0; i < 300; i++) {
      let title = "";
      const parts = 1 + random(12);
      for (let j = 0; j < parts; j++) title += pieces[random(pieces.length)];
      const fingerprint = Array.from({ length: random(20) }, () => "0123456789abcdefXYZ-./@{"[random(24)]).join("");
      names.push(fixBranchName(fingerprint, title));
    }
    for (const name of names) {
      expect(name).toMatch(/^suture\/[a-z0-9]{1,8}-[a-z0-9-]{1,40}$/);
      const checked = execFileSync("git", ["check-ref-format", "--branch", name], { encoding: "utf8" }).trim();
      expect(checked).toBe(name);
    }
  });

  it("names a revert branch after the merge commit it reverts, and recognises it", () => {
    const branch = revertBranchName("9FCEB02D0AE598E95DC970B74767F19372D61AF8");
    expect(branch).toBe("suture/revert-9fceb02d0ae5");
    expect(isRevertBranch(branch)).toBe(true);
    expect(isRevertBranch(fixBranchName("9fceb02d", "revert the thing"))).toBe(false);
  });
});
