import type { Sql } from "../sql.ts";

export interface PatternStatsRow {
  pattern_id: string;
  successes: number;
  failures: number;
  retired: boolean;
}

/**
 * Outcome counts per pattern for a project: the shared (universal) record, so a new project starts
 * from what every project has learned. The shared record already holds this project's outcomes
 * (recordPatternOutcome writes both rows), so the project's own row adds only its retired flag.
 */
export async function loadPatternStats(sql: Sql, projectId: string): Promise<Map<string, PatternStatsRow>> {
  const rows = await sql.query<PatternStatsRow>(
    `select pattern_id,
            coalesce(sum(successes) filter (where project_id is null), 0)::int as successes,
            coalesce(sum(failures) filter (where project_id is null), 0)::int as failures,
            bool_or(retired) as retired
       from healing.universal_error_patterns
      where project_id = $1 or project_id is null
      group by pattern_id`,
    [projectId],
  );
  return new Map(rows.map((row) => [row.pattern_id, row]));
}
