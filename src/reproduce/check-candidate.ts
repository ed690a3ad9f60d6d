import type { FileChange } from "../fix/file-change.ts";
import type { SourceReader } from "../fix/fix-context.ts";
import { answerShape, fitsShape, judgeAnswer, successShapes } from "./judge-answer.ts";
import { attributeRecords, type ReproductionTarget } from "./oracle.ts";
import type { Answer, Reproduction, SuccessfulRequest } from "./reproduction.ts";
import type { SandboxRunResult, SandboxWorkspace } from "./sandbox.ts";
import { callerSources, unhandledMatch } from "./still-throws.ts";

// Whether a fix candidate fixes the reproduced failure, judged from one run of the reproduction's
// check (the regression test and a probe of the reproducing attempt) on the candidate's code:
// the regression test passes; the incident's error no longer escapes application code; the
// failing input gets an answer a correct fix gives (judge-answer.ts); and every recorded request
// that succeeded on the base commit still succeeds, in the same shape.

type Reproduced = Extract<Reproduction, { kind: "reproduced" }>;

export interface CandidateVerdict {
  accepted: boolean;
  /** One sentence for the mission record. */
  reason: string;
  regressionPassed: boolean;
  stillThrows: boolean;
  /** What the failing input got on the candidate (null without a probe). */
  answer: Answer | null;
  successAnswers: Array<{ request: SuccessfulRequest; before: Answer | null; after: Answer | null }>;
  durationMs: number;
  outputTail: string;
}

/** The verdict on a run of `reproduction.check`; `sources` are the candidate's files the stack names. */
export function judgeCandidateRun(reproduction: Reproduced, target: ReproductionTarget, run: SandboxRunResult, sources: ReadonlyMap<string, string>): CandidateVerdict {
  const { check, evidence } = reproduction;
  const attribution = attributeRecords(run.records, run.roots);
  const attempt = check.attempt === null ? null : attribution.byAttempt.get(check.attempt) ?? null;
  const exceptions = [...attribution.outside, ...(attempt?.exceptions ?? [])];
  const stillThrows = unhandledMatch(exceptions, target, sources, check.testFiles) !== null;
  const answer = attempt?.answer ?? null;
  const successAnswers = check.successes.map(({ id, request }) => ({
    request,
    before: evidence.successAnswers.find((recorded) => recorded.request === request || sameRequest(recorded.request, request))?.answer ?? null,
    after: attribution.byAttempt.get(id)?.answer ?? null,
  }));
  const base = { regressionPassed: run.exitCode === 0 && !run.timedOut, stillThrows, answer, successAnswers, durationMs: run.durationMs, outputTail: run.outputTail };
  if (run.timedOut) return { ...base, accepted: false, reason: "The reproduction timed out on the candidate." };
  if (stillThrows) return { ...base, accepted: false, reason: "The incident's error still escapes the application's code on the candidate." };
  if (!base.regressionPassed) return { ...base, accepted: false, reason: `The regression test still fails on the candidate (exit ${run.exitCode}).` };
  if (check.attempt !== null) {
    const judgement = judgeAnswer(evidence.failingAnswer, answer, successShapes(evidence.successAnswers), { stillThrows, request: check.request });
    if (!judgement.accepted) return { ...base, accepted: false, reason: judgement.reason };
    const broken = successAnswers.find((success) => brokeSuccess(success.before, success.after));
    if (broken) {
      return { ...base, accepted: false, reason: `It changes the answer to ${broken.request.method} ${broken.request.url}, which succeeded: ${describe(broken.before)} before, ${describe(broken.after)} now.` };
    }
    return { ...base, accepted: true, reason: judgement.reason };
  }
  return { ...base, accepted: true, reason: "The regression test passes and the incident's error no longer escapes the application's code." };
}

function brokeSuccess(before: Answer | null, after: Answer | null): boolean {
  if (before?.kind !== "response" || before.status < 200 || before.status >= 300) return false;
  if (after?.kind !== "response" || after.status < 200 || after.status >= 300) return true;
  const was = answerShape(before);
  const now = answerShape(after);
  return was !== null && now !== null && !fitsShape(now, was).fits;
}

function sameRequest(a: SuccessfulRequest, b: SuccessfulRequest): boolean {
  return a.method === b.method && a.url === b.url && a.body === b.body;
}

function describe(answer: Answer | null): string {
  if (answer === null) return "no answer";
  if (answer.kind === "response") return `${answer.status}`;
  return answer.kind === "threw" ? `a ${answer.type}` : "a value";
}

export interface CandidateRunOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/**
 * Runs the reproduction's check on a candidate (its changed files written over the base commit in
 * the mission's workspace) and judges it. `base` reads the base commit; the candidate's files are
 * read from its changes.
 */
export async function checkCandidate(
  workspace: SandboxWorkspace,
  reproduction: Reproduced,
  target: ReproductionTarget,
  changes: readonly FileChange[],
  base: SourceReader,
  options: CandidateRunOptions = {},
): Promise<CandidateVerdict> {
  const deleted = changes.find((change) => change.after === null);
  if (deleted) throw new Error(`${deleted.path}: the sandbox writes files over the base commit and cannot delete one; a fix that deletes files is not checked this way`);
  const written = changes.map((change) => ({ path: change.path, content: change.after as string }));
  const { check } = reproduction;
  const run = await workspace.run({
    files: [...written, ...check.files],
    program: check.command.program,
    args: check.command.args,
    env: check.command.env,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxOutputBytes: options.maxOutputBytes ?? 64 * 1024,
    observeExceptions: true,
  });
  const candidate: SourceReader = {
    readFile: async (path) => written.find((file) => file.path === path)?.content ?? (await base.readFile(path)),
    listFiles: () => base.listFiles(),
  };
  const attribution = attributeRecords(run.records, run.roots);
  const exceptions = [...attribution.outside, ...[...attribution.byAttempt.values()].flatMap((observation) => observation.exceptions)];
  const sources = await callerSources(exceptions, check.testFiles, candidate);
  return judgeCandidateRun(reproduction, target, run, sources);
}
