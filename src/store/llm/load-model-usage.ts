import type { Sql } from "../sql.ts";

// What model calls cost: one mission's totals, and a project's day (for reports and the CLI).

export interface ModelUsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export async function loadMissionModelUsage(sql: Sql, missionId: string): Promise<ModelUsageTotals | null> {
  const [row] = await sql.query<Record<string, string | number>>(
    `select model_calls as calls, model_input_tokens as input, model_output_tokens as output,
            model_cache_read_tokens as cache_read, model_cache_write_tokens as cache_write, model_cost_usd as cost
       from healing.auto_fixes where id = $1`,
    [missionId],
  );
  return row ? toTotals(row) : null;
}

export async function loadProjectModelUsage(sql: Sql, projectId: string, day: string): Promise<(ModelUsageTotals & { reservedTokens: number }) | null> {
  const [row] = await sql.query<Record<string, string | number>>(
    `select calls, input_tokens as input, output_tokens as output, cache_read_tokens as cache_read,
            cache_write_tokens as cache_write, cost_usd as cost, reserved_tokens as reserved
       from healing.model_usage_daily where project_id = $1 and day = $2::date`,
    [projectId, day],
  );
  return row ? { ...toTotals(row), reservedTokens: Number(row.reserved) } : null;
}

// bigint and numeric arrive as strings from postgres.js; both drivers agree on Number().
function toTotals(row: Record<string, string | number>): ModelUsageTotals {
  return {
    calls: Number(row.calls),
    inputTokens: Number(row.input),
    outputTokens: Number(row.output),
    cacheReadTokens: Number(row.cache_read),
    cacheWriteTokens: Number(row.cache_write),
    costUsd: Number(row.cost),
  };
}
