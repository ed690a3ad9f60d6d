import type { FixCandidate } from "./fix-candidate.ts";
import type { FixContext } from "./fix-context.ts";
import type { FixPattern } from "./fix-pattern.ts";
import { constAssignmentPattern } from "./patterns/const-assignment.ts";
import { destructureNullishPattern } from "./patterns/destructure-nullish.ts";
import { jsonParseBodyPattern } from "./patterns/json-parse-body.ts";
import { moduleNotFoundPattern } from "./patterns/module-not-found.ts";
import { notAFunctionPattern } from "./patterns/not-a-function.ts";
import { notDefinedPattern } from "./patterns/not-defined.ts";
import { propertyOfNullishPattern } from "./patterns/property-of-nullish.ts";

// The pattern library: one deterministic pattern per error class, each in patterns/. A pattern
// reads the code at the culprit and returns every fix shape that fits it.

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
