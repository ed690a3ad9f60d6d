import type { Sql } from "../sql.ts";
import { MISSION_COLUMNS, type MissionRow, type MissionState } from "./mission-row.ts";

// Row leases, not advisory locks: Supabase's transaction pooler does not keep a session, so a
// lock tied to one would leak or vanish. `for update skip locked` lets concurrent runners pass
// each other's rows; an expired lease (runner crashed) makes the row claimable again.

export interface ClaimOptions {
  projectId: string | null;
  runnerId: string;
  states: readonly MissionState[];
  limit: number;
  leaseSeconds: number;
}

export async function claimMissions(sql: Sql, options: ClaimOptions): Promise<MissionRow[]> {
  return sql.query<MissionRow>(
    `update healing.auto_fixes m
        set locked_by = $1, locked_until = now() + make_interval(secs => $2::int), updated_at = now()
      where m.id in (
        select id from healing.auto_fixes
         where state = any($3::text[])
           and ($5::uuid is null or project_id = $5::uuid)
           and next_attempt_at <= now()
           and (locked_until is null or locked_until < now())
         order by next_attempt_at, created_at
         limit $4
         for update skip locked)
      returning ${MISSION_COLUMNS.split(",").map((column) => `m.${column.trim()}`).join(", ")}`,
    [options.runnerId, options.leaseSeconds, `{${options.states.join(",")}}`, options.limit, options.projectId],
  );
}
