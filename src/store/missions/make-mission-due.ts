import type { Sql } from "../sql.ts";

/** The mission is claimable on the next tick (a person acted on it), not after its wait. */
export async function makeMissionDue(sql: Sql, missionId: string): Promise<void> {
  await sql.query(`update healing.auto_fixes set next_attempt_at = now() where id = $1`, [missionId]);
}
