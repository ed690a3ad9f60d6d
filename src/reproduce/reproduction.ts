import type { StackFrame } from "../core/stack-frame.ts";

// The reproducing stage's vocabulary. Reproducing sits between diagnosis and fix: it turns an
// incident into a test in the app's own runner that, run on the base commit, throws the incident's
// error (same type, same parameterized message, same culprit frame). Everything here is plain data
// so a mission can store it and a CI run can produce the same record as a local one.

/** A request as recorded in production (scrubbed). `url` may be absolute or a path with a query. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The raw body text; null when there was none. */
  body: string | null;
}

/** A request of the same route that succeeded in production. */
export interface SuccessfulRequest extends RecordedRequest {
  status: number;
}

/** The incident, as diagnosis left it: what to reproduce. */
export interface FailingInput {
  error: {
    type: string;
    /** Raw (scrubbed) message of a sample: untrusted text, only ever compared, never run. */
    message: string;
  };
  culprit: { file: string; function: string | null; line: number; column: number | null };
  /** The sample's stack, oldest call first (Sentry order), repo-relative where mapped. */
  frames: StackFrame[];
  /** The group's fingerprint (for names and records). */
  fingerprint: string;
  /** Failing requests of the group, newest first; empty for errors outside a request. */
  failingRequests: RecordedRequest[];
  /** A few successful requests per route of the failing ones. */
  successfulRequests: SuccessfulRequest[];
}

/** An exception seen while a reproduction ran, with its stack mapped to repo-relative paths. */
export interface ObservedException {
  /** The name in the stack header (`TypeError`, `Error [ERR_X]` without the code). */
  type: string;
  /** The constructor's name when the observer knows it (a subclass keeps `name = "Error"`). */
  className: string | null;
  message: string;
  frames: StackFrame[];
}

/** What a request (or an entry-point call) answered when the reproduction ran. */
export type Answer =
  | { kind: "response"; status: number; body: string; contentType: string | null }
  | { kind: "returned"; value: string }
  | { kind: "threw"; type: string; message: string };

export type StrategyName = "request-replay" | "entry-point" | "model";

/** One way of exercising the app that a strategy tried. */
export interface AttemptPlan {
  id: string;
  strategy: StrategyName;
  /** For a person: what it does ("GET /invoices/inv_9 through the Express app from src/app.js"). */
  description: string;
  request: RecordedRequest | null;
}

export type AttemptOutcome =
  | "reproduced"
  | "no-exception"
  | "other-exception"
  | "harness-failed"
  | "timed-out"
  | "not-run";

export interface AttemptRecord extends AttemptPlan {
  outcome: AttemptOutcome;
  /** Why it did or did not reproduce, in one or two sentences. */
  detail: string;
  answer: Answer | null;
  /** Exceptions from application code seen during the attempt (at most a few). */
  exceptions: ObservedException[];
}

/** The test as it would be committed: the app's runner, folder, naming and style. */
export interface ReproductionTest {
  path: string;
  content: string;
  runner: TestRunner;
  /** Runs only this file, from the repository root. */
  command: RunCommand;
  /** The test's name, stating the behaviour a correct fix must have. */
  name: string;
}

export type TestRunner = "node:test" | "vitest" | "jest" | "mocha";

export interface RunCommand {
  program: string;
  args: string[];
  /** Variables the repository's own test script sets (NODE_OPTIONS, NODE_ENV, …). */
  env: Record<string, string>;
}

/** How the exception was observed: the inspector preload, or stacks printed in test output (CI). */
export type Observer = "inspector" | "test-output";

export interface ReproductionEvidence {
  commit: string;
  observer: Observer;
  /** The exception that matched the incident's fingerprint. */
  matched: ObservedException;
  /** Exit code of running the regression test on the base commit: non-zero, the test fails. */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  outputTail: string;
  /** What the failing request answered on the base commit (null for an entry-point call). */
  failingAnswer: Answer | null;
  /** What the recorded successful requests answered on the base commit. */
  successAnswers: Array<{ request: SuccessfulRequest; answer: Answer | null }>;
}

/**
 * What the repair step runs on every fix candidate, in the same workspace: the regression test
 * and a probe that replays the reproducing attempt and the successful requests, recording their
 * answers (judge it with check-candidate.ts).
 */
export interface CandidateCheck {
  files: Array<{ path: string; content: string }>;
  command: RunCommand;
  /** The probe attempt whose answer is the failing input's after a fix; null without a probe (a model's test). */
  attempt: string | null;
  successes: Array<{ id: string; request: SuccessfulRequest }>;
  /** The reproduction replays a request, so a 4xx is the answer expected of a fix. */
  request: boolean;
  /** Test files of the check: their frames are the test's, not the app's. */
  testFiles: string[];
}

export type Reproduction =
  | {
      kind: "reproduced";
      strategy: StrategyName;
      test: ReproductionTest;
      evidence: ReproductionEvidence;
      check: CandidateCheck;
      attempts: AttemptRecord[];
      /** Ways of reaching the app that were passed over, and why. */
      notes: string[];
      /** Sandbox runs it took, and their total wall time. */
      runs: number;
      durationMs: number;
    }
  | {
      kind: "not-reproduced";
      /** One sentence for the mission record. */
      reason: string;
      attempts: AttemptRecord[];
      notes: string[];
      runs: number;
      durationMs: number;
    };
