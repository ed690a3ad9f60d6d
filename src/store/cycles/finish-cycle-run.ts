import type { Sql } from "../sql.ts";

// Completes a healing.cycle_runs row with what the run did. Only an unfinished row is written:
// a run is finished once.

export type CycleOutcome = "succeeded" | "failed" | "partial" | "skipped";

export interface FinishedCycleRun {
  outcome: CycleOutcome;
  processed: number;
  opened: number;
  failed: number;
  error: string | null;
  /** Merged into the row's details. */
  details?: Record<string, unknown>;
}

export async function finishCycleRun(sql: Sql, runId: number, run: FinishedCycleRun): Promise<void> {
  await sql.query(
    `update healing.cycle_runs
        set finished_at = now(), outcome = $2, processed = $3, opened = $4, failed = $5, error = $6,
            details = details || $7::text::jsonb
      where id = $1 and finished_at is null`,
    [runId, run.outcome, run.processed, run.opened, run.failed, run.error, JSON.stringify(run.details ?? {})],
  );
}
