import type { LlmUsage } from "../../core/token-accounting.ts";
import type { Sql } from "../sql.ts";

// Settle a reservation: release the estimate, add what the call really used to the project's day
// and to the mission, in one transaction. Usage is recorded whatever happened to the mission's
// lease: the tokens were spent either way.

export async function recordModelUsage(
  sql: Sql,
  input: { projectId: string; missionId: string; day: string; reservedTokens: number; usage: LlmUsage; costUsd: number | null; called: boolean },
): Promise<void> {
  const { usage } = input;
  const calls = input.called ? 1 : 0;
  const cost = input.costUsd ?? 0;
  await sql.transaction(async (tx) => {
    await tx.query(
      `insert into healing.model_usage_daily as u
         (project_id, day, calls, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd)
       values ($1::uuid, $2::date, $3::int, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::numeric)
       on conflict (project_id, day) do update set
         reserved_tokens = greatest(0, u.reserved_tokens - $9::bigint),
         calls = u.calls + excluded.calls,
         input_tokens = u.input_tokens + excluded.input_tokens,
         output_tokens = u.output_tokens + excluded.output_tokens,
         cache_read_tokens = u.cache_read_tokens + excluded.cache_read_tokens,
         cache_write_tokens = u.cache_write_tokens + excluded.cache_write_tokens,
         cost_usd = u.cost_usd + excluded.cost_usd,
         updated_at = now()`,
      [input.projectId, input.day, calls, usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens, cost, input.reservedTokens],
    );
    await tx.query(
      `update healing.auto_fixes set
         model_calls = model_calls + $2::int,
         model_input_tokens = model_input_tokens + $3::bigint,
         model_output_tokens = model_output_tokens + $4::bigint,
         model_cache_read_tokens = model_cache_read_tokens + $5::bigint,
         model_cache_write_tokens = model_cache_write_tokens + $6::bigint,
         model_cost_usd = model_cost_usd + $7::numeric
       where id = $1`,
      [input.missionId, calls, usage.inputTokens, usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens, cost],
    );
  });
}
