// The words of model token accounting, shared by the model port (src/llm/llm.ts), the model fixer
// and the budgets that cap it: in memory (src/llm/token-budget.ts) and in SQL
// (src/store/llm/sql-token-budget.ts). A call reserves its estimate before it is sent (refused
// when it would cross the mission's or the project's daily limit) and settles to the real usage
// afterwards.

/** The tokens one model call was billed for. */
export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface TokenReservation {
  projectId: string;
  missionId: string;
  /** UTC day the reservation counts against, YYYY-MM-DD. */
  day: string;
  tokens: number;
}

export type ReserveResult =
  | { ok: true; reservation: TokenReservation }
  | { ok: false; scope: "mission" | "project_day"; spent: number; limit: number };

export interface TokenBudget {
  reserve(request: { projectId: string; missionId: string; estimatedTokens: number; missionLimit: number; dailyLimit: number }): Promise<ReserveResult>;
  /** Replace the reservation with what the call really used (all zero when no call was made). */
  settle(reservation: TokenReservation, spent: { usage: LlmUsage; costUsd: number | null; called: boolean }): Promise<void>;
}

/** The day a project's daily budget counts in. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
