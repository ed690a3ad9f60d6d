import type { OracleRecord } from "./schema.ts";

// The port through which reproducing runs code: a throwaway copy of the repository at one commit,
// where files are written on top, one command runs with a timeout and an output cap, and the
// exceptions the oracle preload saw come back as records. One workspace serves a whole mission
// (every strategy, and later every fix candidate), so dependencies are set up once.
//
// Locally this is a git worktree (local-git-sandbox.ts). A hosted run has no processes; there the
// reproduction goes to the app's CI instead, and the CI's output becomes the same evidence.

export interface SandboxFile {
  /** Repo-relative POSIX path. */
  path: string;
  content: string;
}

export interface SandboxRunRequest {
  /** Written before the run; removed (or restored to the commit's version) after it. */
  files: SandboxFile[];
  program: string;
  args: string[];
  env: Record<string, string>;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Load the oracle preload into every Node process of the run. */
  observeExceptions: boolean;
}

export interface SandboxRunResult {
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The end of stdout and stderr together, as a terminal shows them. */
  outputTail: string;
  records: OracleRecord[];
  /** Record lines that did not parse. */
  skippedRecords: number;
  /** The workspace root as the run's processes saw it (real path and the path given), for mapping stacks. */
  roots: string[];
}

export interface SandboxWorkspace {
  readonly commit: string;
  run(request: SandboxRunRequest): Promise<SandboxRunResult>;
  close(): Promise<void>;
}

export interface ReproductionSandbox {
  open(commit: string): Promise<SandboxWorkspace>;
}
