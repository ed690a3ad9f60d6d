import type { Sql } from "../sql.ts";
import { MISSION_COLUMNS, type MissionRow } from "./mission-row.ts";

export async function loadMission(sql: Sql, missionId: string): Promise<MissionRow | null> {
  const rows = await sql.query<MissionRow>(`select ${MISSION_COLUMNS} from healing.auto_fixes where id = $1`, [missionId]);
  return rows[0] ?? null;
}
