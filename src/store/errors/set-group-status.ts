import type { Sql } from "../sql.ts";

export type GroupStatus = "new" | "incident" | "fixing" | "resolved" | "ignored" | "regressed";

export async function setGroupStatus(sql: Sql, detectedErrorId: string, status: GroupStatus): Promise<void> {
  await sql.query(`update healing.detected_errors set status = $2, updated_at = now() where id = $1`, [detectedErrorId, status]);
}
