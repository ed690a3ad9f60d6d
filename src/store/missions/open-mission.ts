import type { Sql } from "../sql.ts";
import { MISSION_COLUMNS, type MissionRow } from "./mission-row.ts";

export interface OpenMissionInput {
  projectId: string;
  detectedErrorId: string;
  fingerprint: string;
  incident: Record<string, unknown>;
  severity: "P0" | "P1" | "P2" | "P3" | "P4";
  severityInputs: Record<string, unknown>;
}

/**
 * Opens the mission for an incident and marks its group, in one statement. When the group already
 * has an open mission the partial unique index turns the insert into a no-op and null comes back.
 */
export async function openMission(sql: Sql, input: OpenMissionInput): Promise<MissionRow | null> {
  const rows = await sql.query<MissionRow>(
    `with mission as (
       insert into healing.auto_fixes (project_id, detected_error_id, fingerprint, incident, severity, severity_inputs)
       values ($1, $2, $3, $4::text::jsonb, $5, $6::text::jsonb)
       on conflict (detected_error_id)
         where state not in ('healed', 'not_healed', 'regressed', 'rolled_back', 'needs_human', 'rejected')
         do nothing
       returning ${MISSION_COLUMNS}
     ), marked as (
       update healing.detected_errors
          set status = 'incident', severity = $5, severity_inputs = $6::text::jsonb, updated_at = now()
        where id = $2 and exists (select 1 from mission)
     )
     select * from mission`,
    [
      input.projectId,
      input.detectedErrorId,
      input.fingerprint,
      JSON.stringify(input.incident),
      input.severity,
      JSON.stringify(input.severityInputs),
    ],
  );
  return rows[0] ?? null;
}
