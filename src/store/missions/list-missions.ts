import type { Sql } from "../sql.ts";
import { MISSION_COLUMNS, type MissionRow } from "./mission-row.ts";

export async function listMissions(sql: Sql, projectId: string): Promise<MissionRow[]> {
  return sql.query<MissionRow>(
    `select ${MISSION_COLUMNS} from healing.auto_fixes where project_id = $1 order by created_at, id`,
    [projectId],
  );
}
