// How a validation worktree gets its dependencies. Installing takes from seconds to minutes, so the
// repo's own node_modules is reused (symlinked) whenever the fix leaves the lockfile as it is at
// base; otherwise the lockfile's package manager installs into the worktree.

export const LOCKFILES = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lockb", "bun.lock"] as const;
export type Lockfile = (typeof LOCKFILES)[number];

export const DEFAULT_INSTALL_COMMANDS: Record<Lockfile, string> = {
  "package-lock.json": "npm ci",
  "pnpm-lock.yaml": "pnpm install --frozen-lockfile",
  "yarn.lock": "yarn install --frozen-lockfile",
  "bun.lockb": "bun install --frozen-lockfile",
  "bun.lock": "bun install --frozen-lockfile",
};

export type DependencySetup =
  | { kind: "reuse"; reason: string }
  | { kind: "install"; lockfile: Lockfile; command: string; reason: string }
  | { kind: "none"; reason: string };

export interface DependencyFacts {
  /** Lockfile name → blob id at the branch (only those present). */
  branchLockfiles: Partial<Record<Lockfile, string>>;
  /** Lockfile name → blob id at base. */
  baseLockfiles: Partial<Record<Lockfile, string>>;
  repoHasNodeModules: boolean;
  installCommands?: Partial<Record<Lockfile, string>>;
}

export function chooseDependencySetup(facts: DependencyFacts): DependencySetup {
  const lockfile = LOCKFILES.find((name) => facts.branchLockfiles[name] !== undefined);
  if (lockfile === undefined) {
    return facts.repoHasNodeModules
      ? { kind: "reuse", reason: "no lockfile; reusing the repository's node_modules" }
      : { kind: "none", reason: "no lockfile and no node_modules" };
  }
  const unchanged = facts.branchLockfiles[lockfile] === facts.baseLockfiles[lockfile];
  if (unchanged && facts.repoHasNodeModules) {
    return { kind: "reuse", reason: `${lockfile} unchanged; reusing the repository's node_modules` };
  }
  const command = facts.installCommands?.[lockfile] ?? DEFAULT_INSTALL_COMMANDS[lockfile];
  const reason = unchanged ? `${lockfile} present but the repository has no node_modules` : `${lockfile} changed`;
  return { kind: "install", lockfile, command, reason };
}
