import type { ErrorClass } from "../diagnose/classify.ts";
import type { FixCandidate } from "./fix-candidate.ts";
import type { FixContext } from "./fix-context.ts";

// The contract of a deterministic fix pattern: one error class, a base confidence, and a generator
// that returns every fix shape that fits the code at the culprit (or none: declining is the safe
// answer).

export interface FixPattern {
  id: string;
  errorClass: ErrorClass;
  baseConfidence: number;
  description: string;
  /** [] when the pattern does not fit the code: it must not fix what it does not understand. */
  generate(ctx: FixContext): Promise<FixCandidate[]>;
}
