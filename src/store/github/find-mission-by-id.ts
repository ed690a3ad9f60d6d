import type { Sql } from "../sql.ts";
import type { PullRequestMission } from "./find-mission-for-pull-request.ts";

// The mission a webhook's news is recorded against, by id (a pull request row or deployment names it).

export async function findMissionById(sql: Sql, id: string): Promise<PullRequestMission | null> {
  const rows = await sql.query<PullRequestMission>(`select id, trace_id, project_id, state from healing.auto_fixes where id = $1`, [id]);
  return rows[0] ?? null;
}
