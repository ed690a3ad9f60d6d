import { tmpdir } from "node:os";
import { sha256Hex } from "../../core/hash.ts";

// Where Suture's temporary worktrees of a repository go by default: a folder of the system's
// temporary directory named for the repository, never inside it. Inside the working tree they
// would show up to the user's own tools (a `jest` run in the checkout would collect their tests);
// inside .git, Jest and Watchman skip every file (they ignore any path with a `.git` segment), so
// validating a Jest app there runs no tests at all.

export function defaultWorktreeRoot(gitCommonDir: string): string {
  return `${tmpdir().replace(/\/+$/, "")}/suture-worktrees/${sha256Hex(gitCommonDir).slice(0, 16)}`;
}
