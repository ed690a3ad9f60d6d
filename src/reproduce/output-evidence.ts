import { ORACLE_STDERR_MARKER } from "./oracle-preload.ts";
import { findMatch, observedFromDescription, type ParsedRecords, parseOracleRecords, type ReproductionTarget } from "./oracle.ts";
import type { ObservedException, ReproductionEvidence } from "./reproduction.ts";

// Where no preload can run (the app's CI, on a hosted project), the evidence is what the test
// run printed: V8 stacks in the log (node:test and mocha print them whole, TAP prefixes them with
// "# ", jest indents them, vitest writes its frames as "❯ file:line:col"). Each one is parsed
// into the same observation the inspector oracle makes, and matched the same way. Log text is
// the repository's and the runner's output: it is read bounded and never trusted beyond that.

const MAX_OUTPUT = 512 * 1024;
const MAX_BLOCKS = 200;
const MAX_FRAMES_PER_BLOCK = 50;
const MAX_CODE_FRAME_LINES = 30;
const CODE_FRAME = /^[ \t]*(?:>?[ \t]*\d+[ \t]*\|.*|\|.*)?$/;

const HEADER = /^(?:[ \t]*(?:#[ \t]*)?)([A-Z][\w$.]{0,100}(?: \[[\w-]{1,100}\])?): (.{0,2000})$/;
const V8_FRAME = /^[ \t]*(?:#[ \t]*)?at (.{1,1000})$/;
const VITEST_FRAME = /^[ \t]*(?:#[ \t]*)?❯ (?:(\S.{0,300}?) )?([^\s]+:\d+:\d+)$/;

/** Every stack printed in a test run's output, as observations; `roots` are the checkout's paths. */
export function exceptionsInOutput(output: string, roots: readonly string[] = []): ObservedException[] {
  const lines = output.slice(-MAX_OUTPUT).replace(/\u001b\[[0-9;]*m/g, "").split(/\r?\n/);
  const found: ObservedException[] = [];
  for (let index = 0; index < lines.length && found.length < MAX_BLOCKS; index += 1) {
    const header = HEADER.exec(lines[index]!);
    if (!header) continue;
    const frames: string[] = [];
    let next = index + 1;
    // jest puts a code frame (`> 7 |   items: order.items.length,`) between the message and the stack.
    for (let skipped = 0; next < lines.length && skipped < MAX_CODE_FRAME_LINES && CODE_FRAME.test(lines[next]!); skipped += 1) next += 1;
    for (; next < lines.length && frames.length < MAX_FRAMES_PER_BLOCK; next += 1) {
      const line = lines[next]!;
      const v8 = V8_FRAME.exec(line);
      if (v8) {
        frames.push(`    at ${v8[1]}`);
        continue;
      }
      const vitest = VITEST_FRAME.exec(line);
      if (vitest) {
        frames.push(vitest[1] ? `    at ${vitest[1]} (${vitest[2]})` : `    at ${vitest[2]}`);
        continue;
      }
      break;
    }
    if (frames.length === 0) continue;
    found.push(observedFromDescription([`${header[1]}: ${header[2]}`, ...frames].join("\n"), null, roots));
    index = next - 1;
  }
  return found;
}

/**
 * Oracle records a run printed to its log (the preload with SUTURE_ORACLE_OUT=-): the same records
 * a local run writes to its file, for a CI job that loads the preload.
 */
export function recordsInOutput(output: string): ParsedRecords {
  const lines = output
    .slice(-MAX_OUTPUT * 8)
    .split(/\r?\n/)
    .flatMap((line) => {
      const at = line.indexOf(ORACLE_STDERR_MARKER);
      return at < 0 ? [] : [line.slice(at + ORACLE_STDERR_MARKER.length)];
    });
  return parseOracleRecords(lines.join("\n"));
}

export interface OutputRun {
  commit: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  outputTail: string;
  /** The whole output the run kept (a CI job's log). */
  output: string;
}

/**
 * The evidence a CI run gives: the reproduction failed on the commit, and its output shows the
 * incident's error. Null when either is missing.
 */
export function evidenceFromOutput(run: OutputRun, target: ReproductionTarget, roots: readonly string[] = []): ReproductionEvidence | null {
  if (run.timedOut || run.exitCode === 0) return null;
  const matched = findMatch(exceptionsInOutput(run.output, roots), target);
  if (matched === null) return null;
  return {
    commit: run.commit,
    observer: "test-output",
    matched,
    exitCode: run.exitCode,
    timedOut: run.timedOut,
    durationMs: run.durationMs,
    outputTail: run.outputTail,
    failingAnswer: null,
    successAnswers: [],
  };
}
