import type { FileChange } from "./file-change.ts";

// One proposed fix, whatever wrote it (a pattern of the library or the model fixer): the changes,
// the words a reviewer reads, and the base confidence the mission later combines with validation
// and learned statistics.

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
  style: "early-response" | "optional-chaining" | "early-return" | "default-value" | "import-added" | "import-path" | "json-400" | "let-binding" | "array-guard" | (string & {});
}
