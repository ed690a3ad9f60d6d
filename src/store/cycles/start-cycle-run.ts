import type { Sql } from "../sql.ts";

// The first half of a healing.cycle_runs row: written before the cycle does anything, so a run
// whose worker dies mid-way still shows up (started, never finished).

export async function startCycleRun(sql: Sql, input: { cycle: string; runner: string; details?: Record<string, unknown> }): Promise<number> {
  const rows = await sql.query<{ id: number }>(
    `insert into healing.cycle_runs (cycle, runner, details) values ($1, $2, $3::text::jsonb) returning id`,
    [input.cycle, input.runner.slice(0, 200), JSON.stringify(input.details ?? {})],
  );
  return rows[0]!.id;
}
