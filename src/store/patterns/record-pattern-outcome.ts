import type { Sql } from "../sql.ts";

/**
 * Adds one outcome to a pattern's record for the project and to the shared record, and marks the
 * mission learned, in one transaction: a mission is learned from exactly once.
 */
export async function recordPatternOutcome(
  sql: Sql,
  input: { projectId: string; missionId: string; patternId: string; errorClass: string; success: boolean; confidence: (s: number, f: number) => number; at: Date },
): Promise<boolean> {
  return sql.transaction(async (tx) => {
    const claimed = await tx.query(
      `update healing.auto_fixes set learned_at = $2 where id = $1 and learned_at is null returning id`,
      [input.missionId, input.at.toISOString()],
    );
    if (claimed.length === 0) return false;
    for (const projectId of [input.projectId, null]) {
      const rows = await tx.query<{ successes: number; failures: number }>(
        `insert into healing.universal_error_patterns as p (project_id, pattern_id, error_class, successes, failures, last_outcome_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (project_id, pattern_id) do update set
           successes = p.successes + excluded.successes,
           failures = p.failures + excluded.failures,
           last_outcome_at = excluded.last_outcome_at,
           updated_at = now()
         returning successes, failures`,
        [projectId, input.patternId, input.errorClass, input.success ? 1 : 0, input.success ? 0 : 1, input.at.toISOString()],
      );
      const { successes, failures } = rows[0]!;
      await tx.query(
        `update healing.universal_error_patterns set confidence = $3 where project_id is not distinct from $1 and pattern_id = $2`,
        [projectId, input.patternId, input.confidence(successes, failures)],
      );
    }
    return true;
  });
}
