import type { Sql } from "../sql.ts";
import type { CycleOutcome } from "./finish-cycle-run.ts";

export interface CycleRunRow {
  id: number;
  cycle: string;
  runner: string;
  started_at: Date;
  finished_at: Date | null;
  processed: number;
  opened: number;
  failed: number;
  outcome: CycleOutcome | null;
  error: string | null;
  details: Record<string, unknown>;
}

/** Runs, newest first; of one cycle when named. */
export async function listCycleRuns(sql: Sql, options: { cycle?: string | null; limit?: number } = {}): Promise<CycleRunRow[]> {
  return sql.query<CycleRunRow>(
    `select id, cycle, runner, started_at, finished_at, processed, opened, failed, outcome, error, details
       from healing.cycle_runs
      where $1::text is null or cycle = $1::text
      order by started_at desc, id desc
      limit $2`,
    [options.cycle ?? null, options.limit ?? 100],
  );
}
