import type { Diagnosis } from "../diagnose/diagnose-incident.ts";
import type { GuardResult } from "../fix/guard.ts";

// The shapes a mission keeps in its jsonb columns (diagnosis, fix) between steps.

/** What an earlier attempt tried and why it failed: fed to the next attempt (the model's prompt). */
export interface FailedAttempt {
  summary: string;
  failure: string;
}

/**
 * The stored diagnosis: the pure diagnosis (a known class, or an unclassified error a model may
 * try), the commit its source was read at, and the attempts that failed so far.
 */
export type StoredDiagnosis = Extract<Diagnosis, { kind: "code-bug" | "unclassified" }> & {
  sourceCommit: string;
  sourceRef: string;
  failedAttempts?: FailedAttempt[];
};

export interface StoredFix {
  title: string;
  summary: string;
  rootCause: string;
  style: string;
  baseConfidence: number;
  files: string[];
  changedLines: Record<string, number[]>;
  guard: GuardResult;
  base: string;
  baseCommit: string;
  /** Unified-looking before/after per file, kept for the record and for `replay` output. */
  changes: Array<{ path: string; before: string | null; after: string | null }>;
  /** The model's own confidence when a model wrote the fix; it can only lower ours. */
  modelConfidence?: number | null;
}
