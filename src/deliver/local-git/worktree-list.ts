// Parses `git worktree list --porcelain`: which branch each worktree has checked out.

export interface WorktreeEntry {
  path: string;
  head: string | null;
  /** Full ref, e.g. refs/heads/main; null when detached or bare. */
  branch: string | null;
  bare: boolean;
}

export function parseWorktreeList(porcelain: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  for (const block of porcelain.split(/\n\n+/)) {
    const lines = block.split("\n").filter((l) => l.length > 0);
    const first = lines[0];
    if (!first || !first.startsWith("worktree ")) continue;
    const entry: WorktreeEntry = { path: first.slice("worktree ".length), head: null, branch: null, bare: false };
    for (const line of lines.slice(1)) {
      if (line.startsWith("HEAD ")) entry.head = line.slice(5);
      else if (line.startsWith("branch ")) entry.branch = line.slice(7);
      else if (line === "bare") entry.bare = true;
    }
    entries.push(entry);
  }
  return entries;
}
