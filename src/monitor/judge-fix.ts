import type { FixOutcomeFacts } from "../store/monitor/load-fix-outcome.ts";

// The verdict on a deployed fix, from what happened after the deploy. Pure.

export type Verdict =
  | { kind: "healed"; reason: string }
  | { kind: "not_healed"; reason: string }
  | { kind: "regressed"; reason: string; groups: string[] }
  | { kind: "keep_watching"; reason: string };

/** New errors within this many lines of a changed line are blamed on the fix. */
export const BLAME_DISTANCE_LINES = 3;
/** Fewer server errors than this after a deploy say nothing about its error rate. */
export const MIN_ERRORS_FOR_RATE = 5;

export function judgeFix(input: {
  facts: FixOutcomeFacts;
  changedLines: Record<string, number[]>;
  /** Where the fixed error was thrown: a new error thrown in the same function is the crash moved. */
  culprit: { file: string; function: string | null } | null;
  watchElapsed: boolean;
  /** A fix is judged healed only after the route served this many requests without the error. */
  minRequests: number;
  route: string | null;
  /** The route's error rate rising by more than this share (0.5 = +50 %) is a regression. */
  errorRateIncrease: number;
}): Verdict {
  const { facts } = input;
  const inChangedLines = (group: FixOutcomeFacts["newGroups"][number]) => {
    const lines = group.culprit_file ? input.changedLines[group.culprit_file] : undefined;
    if (!lines || group.culprit_line === null) return false;
    return lines.some((line) => Math.abs(line - group.culprit_line!) <= BLAME_DISTANCE_LINES);
  };
  const culprit = input.culprit;
  const whereItThrew = (group: FixOutcomeFacts["newGroups"][number]) =>
    culprit !== null && culprit.function !== null && group.culprit_file === culprit.file && group.culprit_function === culprit.function;
  const blamed = facts.newGroups.filter((group) => inChangedLines(group) || whereItThrew(group));
  if (blamed.length > 0) {
    const first = blamed[0]!;
    const where = inChangedLines(first) ? "in the changed lines" : `in ${culprit!.function}, where the fixed error was thrown`;
    return {
      kind: "regressed",
      reason: `A new error started ${where} after the deploy: ${first.title} at ${first.culprit_file}:${first.culprit_line} (${first.event_count} events).`,
      groups: blamed.map((group) => group.fingerprint),
    };
  }
  const rateAfter = facts.routeRequestsSinceDeploy > 0 ? facts.routeErrorsSinceDeploy / facts.routeRequestsSinceDeploy : 0;
  const rateBefore = facts.routeRequestsBefore > 0 ? facts.routeErrorsBefore / facts.routeRequestsBefore : 0;
  if (
    input.route &&
    facts.routeErrorsSinceDeploy >= MIN_ERRORS_FOR_RATE &&
    facts.routeRequestsSinceDeploy >= input.minRequests &&
    rateAfter > rateBefore * (1 + input.errorRateIncrease)
  ) {
    const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
    return {
      kind: "regressed",
      reason: `Server errors on ${input.route} rose from ${percent(rateBefore)} to ${percent(rateAfter)} of requests after the deploy (${facts.routeErrorsSinceDeploy}/${facts.routeRequestsSinceDeploy}).`,
      groups: [],
    };
  }
  if (facts.eventsSinceDeploy > 0 && input.watchElapsed) {
    return { kind: "not_healed", reason: `The error kept firing after the deploy: ${facts.eventsSinceDeploy} events since.` };
  }
  if (!input.watchElapsed) return { kind: "keep_watching", reason: "The watch window has not elapsed yet." };
  if (input.route && facts.routeRequestsSinceDeploy < input.minRequests) {
    return {
      kind: "keep_watching",
      reason: `Only ${facts.routeRequestsSinceDeploy} requests reached ${input.route} since the deploy; waiting for ${input.minRequests} before calling it healed.`,
    };
  }
  const traffic = input.route ? ` while ${input.route} served ${facts.routeRequestsSinceDeploy} requests` : "";
  return { kind: "healed", reason: `No events of this error since the deploy${traffic}.` };
}
