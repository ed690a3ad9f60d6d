import type { Sql } from "../sql.ts";

export interface PatternStatsRow {
  pattern_id: string;
  successes: number;
  failures: number;
  retired: boolean;
}

/**
 * Outcome counts per pattern for a project: its own record plus the shared (universal) record,
 * so a new project starts from what every project has learned.
 */
export async function loadPatternStats(sql: Sql, projectId: string): Promise<Map<string, PatternStatsRow>> {
  const rows = await sql.query<PatternStatsRow>(
    `select pattern_id, sum(successes)::int as successes, sum(failures)::int as failures, bool_or(retired) as retired
       from healing.universal_error_patterns
      where project_id = $1 or project_id is null
      group by pattern_id`,
    [projectId],
  );
  return new Map(rows.map((row) => [row.pattern_id, row]));
}
