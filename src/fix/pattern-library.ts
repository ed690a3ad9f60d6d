import { diffLines } from "../core/line-diff.ts";
import type { FixCandidate } from "./fix-candidate.ts";
import type { FixContext } from "./fix-context.ts";
import type { FixPattern } from "./fix-pattern.ts";
import { constAssignmentPattern } from "./patterns/const-assignment.ts";
import { destructureNullishPattern } from "./patterns/destructure-nullish.ts";
import { jsonParseBodyPattern } from "./patterns/json-parse-body.ts";
import { moduleNotFoundPattern } from "./patterns/module-not-found.ts";
import { notAFunctionPattern } from "./patterns/not-a-function.ts";
import { notDefinedPattern } from "./patterns/not-defined.ts";
import { notIterablePattern } from "./patterns/not-iterable.ts";
import { propertyOfNullishPattern } from "./patterns/property-of-nullish.ts";
import { reduceEmptyPattern } from "./patterns/reduce-empty.ts";
import { type SoundnessProblem, checkSoundness } from "./soundness/check-soundness.ts";

// The pattern library: one deterministic pattern per error class, each in patterns/. A pattern
// reads the code at the culprit and proposes every repair that fits it; the library drops those
// that are statically unsound (with the reason, for the mission to show) and ranks the rest by
// how closely they follow the codebase, then by how small they are. Whatever survives still goes
// through the guard before anything runs.

export const patternLibrary: readonly FixPattern[] = [
  propertyOfNullishPattern,
  notAFunctionPattern,
  notDefinedPattern,
  moduleNotFoundPattern,
  jsonParseBodyPattern,
  constAssignmentPattern,
  destructureNullishPattern,
  notIterablePattern,
  reduceEmptyPattern,
];

export interface DroppedCandidate {
  candidate: FixCandidate;
  problems: SoundnessProblem[];
  /** One line for the mission: why this candidate is never tried. */
  reason: string;
}

export interface FixProposals {
  /** Sound candidates, best first: the mission tries them in this order. */
  candidates: FixCandidate[];
  /** Candidates refused by the static soundness check, never tried. */
  dropped: DroppedCandidate[];
}

function changedLines(candidate: FixCandidate): number {
  let total = 0;
  for (const change of candidate.changes) {
    const diff = diffLines(change.before ?? "", change.after ?? "");
    total += diff.added.length + diff.removed.length;
  }
  return total;
}

function describeProblems(problems: readonly SoundnessProblem[]): string {
  const [first] = problems;
  if (!first) return "";
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return `${first.rule} at ${first.path}:${first.line}: ${first.message}${more}`;
}

/** Every candidate the library finds for this error, sound ones ranked, unsound ones with their reasons. */
export async function proposeFixes(ctx: FixContext): Promise<FixProposals> {
  const proposed: FixCandidate[] = [];
  for (const pattern of patternLibrary) {
    if (pattern.errorClass !== ctx.classification.errorClass) continue;
    proposed.push(...(await pattern.generate(ctx)));
  }
  const candidates: { candidate: FixCandidate; index: number; size: number }[] = [];
  const dropped: DroppedCandidate[] = [];
  const seen = new Set<string>();
  const ranked = proposed
    .map((candidate, index) => ({ candidate, index, size: changedLines(candidate) }))
    .sort((a, b) => b.candidate.rank.fit - a.candidate.rank.fit || a.size - b.size || a.index - b.index);
  for (const item of ranked) {
    // Two shapes can produce the same text; the better-ranked one stays.
    const key = JSON.stringify(item.candidate.changes.map((change) => [change.path, change.after]));
    if (seen.has(key)) continue;
    seen.add(key);
    const problems = checkSoundness(item.candidate.changes);
    if (problems.length > 0) dropped.push({ candidate: item.candidate, problems, reason: describeProblems(problems) });
    else candidates.push(item);
  }
  return { candidates: candidates.map((item) => item.candidate), dropped };
}

/** The sound candidates for this error, best first; later ones are retried when validation fails. */
export async function generateFixCandidates(ctx: FixContext): Promise<FixCandidate[]> {
  return (await proposeFixes(ctx)).candidates;
}
