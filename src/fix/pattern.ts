import type { Classification, ErrorClass } from "../diagnose/classify.ts";
import type { FileChange } from "./file-change.ts";
import { constAssignmentPattern } from "./patterns/const-assignment.ts";
import { destructureNullishPattern } from "./patterns/destructure-nullish.ts";
import { jsonParseBodyPattern } from "./patterns/json-parse-body.ts";
import { moduleNotFoundPattern } from "./patterns/module-not-found.ts";
import { notAFunctionPattern } from "./patterns/not-a-function.ts";
import { notDefinedPattern } from "./patterns/not-defined.ts";
import { propertyOfNullishPattern } from "./patterns/property-of-nullish.ts";

// The pattern library: one deterministic pattern per error class. A pattern reads the code at the
// culprit and returns every fix shape that fits it (or none: declining is the safe answer), each
// with a base confidence the mission later combines with validation and learned statistics.

/** Reads the repository at the chosen commit; paths are repo-relative POSIX. */
export interface SourceReader {
  readFile(path: string): Promise<string | null>;
  listFiles(): Promise<string[]>;
}

export interface FixContext {
  classification: Extract<Classification, { kind: "code-bug" }>;
  culprit: { file: string; line: number; column: number | null; function: string | null };
  /** Contents of culprit.file. */
  source: string;
  repo: SourceReader;
  /** Raw (scrubbed) error message: untrusted text, only ever matched against, never put into code. */
  message: string;
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
  style: "early-response" | "optional-chaining" | "early-return" | "default-value" | "import-added" | "import-path" | "json-400" | "let-binding" | "array-guard" | (string & {});
}

export interface FixPattern {
  id: string;
  errorClass: ErrorClass;
  baseConfidence: number;
  description: string;
  /** [] when the pattern does not fit the code: it must not fix what it does not understand. */
  generate(ctx: FixContext): Promise<FixCandidate[]>;
}

export const patternLibrary: readonly FixPattern[] = [
  propertyOfNullishPattern,
  notAFunctionPattern,
  notDefinedPattern,
  moduleNotFoundPattern,
  jsonParseBodyPattern,
  constAssignmentPattern,
  destructureNullishPattern,
];

/** Every candidate the library finds for this error, best first; later ones are retried when validation fails. */
export async function generateFixCandidates(ctx: FixContext): Promise<FixCandidate[]> {
  const candidates: FixCandidate[] = [];
  for (const pattern of patternLibrary) {
    if (pattern.errorClass !== ctx.classification.errorClass) continue;
    candidates.push(...(await pattern.generate(ctx)));
  }
  // Two shapes can produce the same text; keep the more confident one.
  const seen = new Set<string>();
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => b.candidate.baseConfidence - a.candidate.baseConfidence || a.index - b.index)
    .map(({ candidate }) => candidate)
    .filter((candidate) => {
      const key = JSON.stringify(candidate.changes.map((change) => [change.path, change.after]));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
