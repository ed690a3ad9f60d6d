import { SqlError, type Sql } from "../sql.ts";
import type { MissionRow } from "./mission-row.ts";

// Writes a mission's new fields, only while the caller still holds the lease: a runner whose
// lease expired (and whose mission another runner took) must not overwrite the newer work.

const UPDATABLE = [
  "state", "severity", "diagnosis", "fix", "validation", "attempts", "pattern_id", "confidence", "risk",
  "decision", "decision_reason", "branch", "commit_sha", "fixed_at", "merge_commit", "revert_commit",
  "deployed_at", "watch_until", "verdict", "learned_at", "last_error",
] as const;

type Updatable = (typeof UPDATABLE)[number];
export type MissionPatch = Partial<Pick<MissionRow, Updatable>>;

const JSON_COLUMNS = new Set<Updatable>(["diagnosis", "fix", "validation", "verdict"]);

export class LeaseLostError extends SqlError {
  constructor(missionId: string) {
    super(`mission ${missionId} is no longer leased by this runner; another runner owns it now`, "LEASE_LOST");
  }
}

export async function updateMission(
  sql: Sql,
  missionId: string,
  runnerId: string,
  patch: MissionPatch,
  options: { release?: boolean; retryAfterSeconds?: number } = {},
): Promise<void> {
  const sets: string[] = [];
  const params: Array<string | number | null> = [missionId, runnerId];
  for (const column of UPDATABLE) {
    if (!(column in patch)) continue;
    const value = patch[column];
    params.push(value === null || value === undefined ? null : JSON_COLUMNS.has(column) ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : (value as string | number));
    sets.push(`${column} = $${params.length}${JSON_COLUMNS.has(column) ? "::text::jsonb" : ""}`);
  }
  if (options.release) sets.push("locked_by = null, locked_until = null");
  if (options.retryAfterSeconds !== undefined) {
    params.push(options.retryAfterSeconds);
    sets.push(`next_attempt_at = now() + make_interval(secs => $${params.length}::int)`);
  }
  sets.push("updated_at = now()");
  const rows = await sql.query(
    `update healing.auto_fixes set ${sets.join(", ")} where id = $1 and locked_by = $2 returning id`,
    params,
  );
  if (rows.length === 0) throw new LeaseLostError(missionId);
}
