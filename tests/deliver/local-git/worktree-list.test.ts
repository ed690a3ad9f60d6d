import { describe, expect, it } from "vitest";
import { parseWorktreeList } from "../../../src/deliver/local-git/worktree-list.ts";

describe("parseWorktreeList", () => {
  it("reads branch, detached and bare worktrees from porcelain output", () => {
    const porcelain = [
      "worktree /repo",
      "HEAD 1111111111111111111111111111111111111111",
      "branch refs/heads/main",
      "",
      "worktree /repo/.git/suture-worktrees/validate-1",
      "HEAD 2222222222222222222222222222222222222222",
      "detached",
      "",
      "worktree /bare.git",
      "bare",
      "",
    ].join("\n");
    expect(parseWorktreeList(porcelain)).toEqual([
      { path: "/repo", head: "1111111111111111111111111111111111111111", branch: "refs/heads/main", bare: false },
      { path: "/repo/.git/suture-worktrees/validate-1", head: "2222222222222222222222222222222222222222", branch: null, bare: false },
      { path: "/bare.git", head: null, branch: null, bare: true },
    ]);
  });
});
