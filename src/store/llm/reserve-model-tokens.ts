import type { Sql } from "../sql.ts";

// Reserve a model call's estimated tokens against the mission's and the project's daily budget.
// The daily check and the increment are one statement, so two runners cannot both slip under the
// limit; the mission is leased to one runner, so its check can be a plain read.

export type ReserveModelTokensResult =
  | { ok: true }
  | { ok: false; scope: "mission" | "project_day"; spent: number; limit: number };

const DAY_TOTAL = "u.input_tokens + u.output_tokens + u.cache_read_tokens + u.cache_write_tokens + u.reserved_tokens";

export async function reserveModelTokens(
  sql: Sql,
  request: { projectId: string; missionId: string; day: string; estimatedTokens: number; missionLimit: number; dailyLimit: number },
): Promise<ReserveModelTokensResult> {
  const [mission] = await sql.query<{ spent: string | number }>(
    `select (model_input_tokens + model_output_tokens + model_cache_read_tokens + model_cache_write_tokens)::bigint as spent
       from healing.auto_fixes where id = $1`,
    [request.missionId],
  );
  const missionSpent = Number(mission?.spent ?? 0);
  if (missionSpent + request.estimatedTokens > request.missionLimit) {
    return { ok: false, scope: "mission", spent: missionSpent, limit: request.missionLimit };
  }
  const reserved = await sql.query(
    `insert into healing.model_usage_daily as u (project_id, day, reserved_tokens)
     select $1::uuid, $2::date, $3::bigint where $3::bigint <= $4::bigint
     on conflict (project_id, day) do update
       set reserved_tokens = u.reserved_tokens + excluded.reserved_tokens, updated_at = now()
       where ${DAY_TOTAL} + excluded.reserved_tokens <= $4::bigint
     returning 1`,
    [request.projectId, request.day, request.estimatedTokens, request.dailyLimit],
  );
  if (reserved.length > 0) return { ok: true };
  const [day] = await sql.query<{ spent: string | number }>(
    `select (${DAY_TOTAL})::bigint as spent from healing.model_usage_daily u where project_id = $1 and day = $2::date`,
    [request.projectId, request.day],
  );
  return { ok: false, scope: "project_day", spent: Number(day?.spent ?? 0), limit: request.dailyLimit };
}
