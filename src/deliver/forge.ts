import type { FileChange } from "../fix/file-change.ts";

// The port every delivery channel implements: a local git repository now, GitHub later.
// Paths are repo-relative POSIX paths; refs are branch names or commit ids.

export interface BranchRequest {
  /** `suture/<short-fingerprint>-<slug>` */
  branch: string;
  /** Branch or commit the fix is based on. */
  base: string;
  changes: FileChange[];
  /** Full commit message: cause, evidence, trace id. */
  message: string;
}

export interface BranchResult {
  branch: string;
  commit: string;
}

export interface ValidationResult {
  command: string;
  passed: boolean;
  exitCode: number | null;
  durationMs: number;
  /** Last lines of combined output, for the mission record and the retry prompt. */
  outputTail: string;
}

export interface Forge {
  readonly kind: "local-git" | "github";
  /** Commit id for a ref, or null when the ref is unknown to the repository. */
  resolveRef(ref: string): Promise<string | null>;
  /** File contents at a ref, or null when the file does not exist there. */
  readFile(path: string, ref: string): Promise<string | null>;
  /** Every tracked file at a ref. */
  listFiles(ref: string): Promise<string[]>;
  /** Create or update the fix branch with exactly one commit on top of base. Idempotent. */
  ensureBranch(request: BranchRequest): Promise<BranchResult>;
  /** Merge a fix branch into the base branch; returns the merge (or squash) commit. */
  merge(branch: string, base: string, message: string): Promise<{ commit: string }>;
  /** Revert a merged commit on the base branch; returns the revert commit. */
  revert(commit: string, base: string, message: string): Promise<{ commit: string }>;
}
