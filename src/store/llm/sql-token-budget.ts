import { type TokenBudget, utcDay } from "../../core/token-accounting.ts";
import type { Sql } from "../sql.ts";
import { recordModelUsage } from "./record-model-usage.ts";
import { reserveModelTokens } from "./reserve-model-tokens.ts";

// The TokenBudget port over healing.model_usage_daily and the mission's model_* columns. Days are
// UTC days of the run's clock (replays follow the events' own time).

export function createSqlTokenBudget(sql: Sql, now: () => Date): TokenBudget {
  return {
    async reserve(request) {
      const day = utcDay(now());
      const result = await reserveModelTokens(sql, { ...request, day });
      if (!result.ok) return result;
      return { ok: true, reservation: { projectId: request.projectId, missionId: request.missionId, day, tokens: request.estimatedTokens } };
    },
    async settle(reservation, spent) {
      await recordModelUsage(sql, {
        projectId: reservation.projectId,
        missionId: reservation.missionId,
        day: reservation.day,
        reservedTokens: reservation.tokens,
        usage: spent.usage,
        costUsd: spent.costUsd,
        called: spent.called,
      });
    },
  };
}
