import { coerceError, errorCode } from "../core/errors.ts";
import { type CycleOutcome, finishCycleRun } from "../store/cycles/finish-cycle-run.ts";
import { startCycleRun } from "../store/cycles/start-cycle-run.ts";
import { type CycleName, type CycleOptions, type CycleReport, emptyCycleReport } from "./cycle.ts";
import { runDeploymentMonitoring } from "./deployment-monitoring.ts";
import { runDetectAndFix } from "./detect-and-fix.ts";
import type { HealContext } from "./heal-context.ts";
import { runPatternLearning } from "./pattern-learning.ts";
import { runRetention } from "./retention.ts";

// One bounded run of a named cycle. Each cycle stops taking work at the deadline and leaves the
// rest for the next tick; running two at once is safe because work is claimed with leases.
//
// Every run is recorded in healing.cycle_runs: a row when it starts (so a run whose worker dies
// still shows), completed when it stops. pg_cron only knows that it queued a request; this row
// is what the run actually did. Outcomes:
//   succeeded  the cycle ran to the end of its work (steps that failed are counted in `failed`
//              and retried by a later tick; healing.cycle_failures lists them)
//   partial    it stopped at its deadline with work left for the next tick
//   skipped    the deadline had passed before it started; it did nothing
//   failed     the cycle itself threw; the error is recorded and thrown on to the caller

export interface RunCycleOptions extends CycleOptions {
  /** Write a healing.cycle_runs row (default true). */
  recordRun?: boolean;
}

export interface CycleRun {
  /** healing.cycle_runs id, or null when the run was not recorded. */
  runId: number | null;
  cycle: CycleName;
  outcome: Exclude<CycleOutcome, "failed">;
  report: CycleReport;
  durationMs: number;
}

/** A cycle that threw; `runId` is its healing.cycle_runs row (outcome failed). */
export class CycleRunError extends Error {
  readonly code = "CYCLE_FAILED";
  constructor(
    readonly cycle: CycleName,
    readonly runId: number | null,
    cause: Error,
  ) {
    super(`the ${cycle} cycle failed: ${cause.message}`, { cause });
    this.name = "CycleRunError";
  }
}

const CYCLES: Record<CycleName, (ctx: HealContext, options: CycleOptions) => Promise<CycleReport>> = {
  "detect-and-fix": runDetectAndFix,
  "pattern-learning": runPatternLearning,
  "deployment-monitoring": runDeploymentMonitoring,
  retention: runRetention,
};

/** Stored per run: enough to read a failure back, small enough for a row written every minute. */
const MAX_STORED_ERRORS = 20;
const MAX_ERROR_LENGTH = 2000;

export async function runCycle(name: CycleName, ctx: HealContext, options: RunCycleOptions): Promise<CycleReport> {
  try {
    return (await runRecordedCycle(name, ctx, options)).report;
  } catch (error) {
    // Callers of runCycle see the cycle's own error, as before recording existed.
    throw error instanceof CycleRunError ? error.cause : error;
  }
}

/** Runs a cycle and records it; throws CycleRunError (after recording it) when the cycle throws. */
export async function runRecordedCycle(name: CycleName, ctx: HealContext, options: RunCycleOptions): Promise<CycleRun> {
  const started = performance.now();
  const record = options.recordRun !== false;
  const runId = record
    ? await startCycleRun(ctx.sql, {
        cycle: name,
        runner: ctx.runnerId,
        details: {
          projectId: options.projectId ?? null,
          deadline: Number.isFinite(options.deadline) ? new Date(options.deadline).toISOString() : null,
        },
      })
    : null;

  if (Date.now() >= options.deadline) {
    const report: CycleReport = { ...emptyCycleReport(), deadlineReached: true };
    if (runId !== null) await finishCycleRun(ctx.sql, runId, { outcome: "skipped", processed: 0, opened: 0, failed: 0, error: null });
    return { runId, cycle: name, outcome: "skipped", report, durationMs: performance.now() - started };
  }

  let report: CycleReport;
  try {
    report = await CYCLES[name](ctx, options);
  } catch (thrown) {
    const failure = coerceError(thrown);
    ctx.logger.error("cycle failed", { cycle: name, runId, error: failure.message, code: errorCode(failure) });
    if (runId !== null) {
      await finishCycleRun(ctx.sql, runId, {
        outcome: "failed",
        processed: 0,
        opened: 0,
        failed: 0,
        error: failure.message.slice(0, MAX_ERROR_LENGTH),
        details: { code: errorCode(failure) },
      }).catch((error) => ctx.logger.error("could not record the failed cycle run", { cycle: name, runId, error: coerceError(error).message }));
    }
    throw new CycleRunError(name, runId, failure);
  }

  const outcome = report.deadlineReached ? "partial" : "succeeded";
  if (runId !== null) {
    await finishCycleRun(ctx.sql, runId, {
      outcome,
      processed: report.processed,
      opened: report.opened,
      failed: report.failed,
      error: null,
      details: { errors: report.errors.slice(0, MAX_STORED_ERRORS).map((error) => error.slice(0, MAX_ERROR_LENGTH)) },
    });
  }
  const durationMs = performance.now() - started;
  ctx.logger.info("cycle finished", { cycle: name, runId, outcome, processed: report.processed, opened: report.opened, failed: report.failed, durationMs: Math.round(durationMs) });
  return { runId, cycle: name, outcome, report, durationMs };
}
