import type { FileChange } from "./file-change.ts";

// One proposed fix, whatever wrote it (a pattern of the library or the model fixer): the changes,
// the words a reviewer reads, what the fix expects the failing input to do afterwards (so a
// reproduction can check it), how it ranks against the other candidates for the same error, and
// the base confidence the mission later combines with validation and learned statistics.

/**
 * What the failing input should do once the fix is in, in terms a reproduction can check:
 * - answers: a request now gets this client-error status (in this body shape, when known);
 * - returns: the function now returns this value (its existing "not found" or error result);
 * - throws: the function now throws the codebase's own error for bad input;
 * - completes: the code runs through and keeps the input's data (nothing NaN, undefined or dropped);
 * - loads: the module now loads.
 */
export type FixExpectation =
  | { outcome: "answers"; status: number; bodyKeys: string[] | null; description: string }
  | { outcome: "returns"; value: string; description: string }
  | { outcome: "throws"; error: string; description: string }
  | { outcome: "completes"; description: string }
  | { outcome: "loads"; description: string };

/**
 * How a candidate repairs: an early exit in the code's own idiom, a guard where the missing value
 * enters, a scalar normalized into a list, a default every later use is satisfied by, optional
 * access where the missing value is only tested, or a one-shape repair (an import, a `let`).
 */
export type RepairStrategy = "early-exit" | "source-guard" | "normalize" | "default" | "optional" | "repair";

export interface CandidateRank {
  strategy: RepairStrategy;
  /** 0..1: how closely the change follows the codebase (its own code for this value, its own idiom, a framework default). */
  fit: number;
}

export interface FixCandidate {
  patternId: string;
  /** 0..1 */
  baseConfidence: number;
  /** One sentence for a reviewer: what the change does and why it is minimal. */
  summary: string;
  /** One sentence a reviewer can check, naming file:line and the value involved. */
  rootCause: string;
  /** Whole-file before/after. */
  changes: FileChange[];
  style: "early-response" | "optional-chaining" | "early-return" | "default-value" | "import-added" | "import-path" | "json-400" | "let-binding" | "array-guard" | "array-wrap" | "code-default" | "optional-call" | "skip-missing" | "initial-value" | (string & {});
  expectation: FixExpectation;
  rank: CandidateRank;
}
