import type { ModelPrice } from "../config/healing-config.ts";
import { type LlmUsage, type TokenBudget, utcDay } from "../core/token-accounting.ts";
import type { LlmRequest } from "./llm.ts";

// Token accounting for model calls: estimates before a call, cost after it, and the in-memory
// TokenBudget (src/core/token-accounting.ts) for runs without a database; the SQL one is
// src/store/llm/sql-token-budget.ts.

/** Every token a call is billed for: input, cache reads and writes, output. */
export function totalTokens(usage: LlmUsage): number {
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
}

/**
 * An upper estimate of a request's tokens before sending it: characters / 3 for every text the
 * model reads (code and JSON run at roughly 3–4 characters per token; the smaller divisor
 * over-counts, which errs towards not sending), plus the whole output allowance.
 */
export function estimateRequestTokens(request: LlmRequest): number {
  let chars = 0;
  for (const block of request.system) chars += block.text.length;
  for (const message of request.messages) chars += message.content.length;
  for (const tool of request.tools) chars += tool.name.length + tool.description.length + JSON.stringify(tool.inputSchema).length;
  // Per-message and tool-use framing the API adds.
  const overhead = 50 + 10 * request.messages.length + 300 * request.tools.length;
  return Math.ceil(chars / 3) + overhead + request.maxTokens;
}

/** The price entry for a model id: exact, else the longest id it is a dated snapshot of. */
export function priceFor(model: string, pricing: readonly ModelPrice[]): ModelPrice | null {
  const exact = pricing.find((price) => price.model === model);
  if (exact) return exact;
  const prefixed = pricing.filter((price) => model.startsWith(`${price.model}-`)).sort((a, b) => b.model.length - a.model.length);
  return prefixed[0] ?? null;
}

/** USD for a call's usage, or null when the model has no price in config. */
export function costOfUsage(usage: LlmUsage, model: string, pricing: readonly ModelPrice[]): number | null {
  const price = priceFor(model, pricing);
  if (!price) return null;
  const usd =
    (usage.inputTokens * price.inputPerMTok +
      usage.outputTokens * price.outputPerMTok +
      usage.cacheWriteTokens * price.cacheWritePerMTok +
      usage.cacheReadTokens * price.cacheReadPerMTok) /
    1_000_000;
  return Math.round(usd * 1e6) / 1e6;
}

/** An in-memory budget (one process, no database): the CLI without Postgres, and tests. */
export function createMemoryTokenBudget(now: () => Date = () => new Date()): TokenBudget & {
  spentByMission(missionId: string): { tokens: number; costUsd: number; calls: number };
  spentByProjectDay(projectId: string, day: string): { tokens: number; reserved: number; costUsd: number; calls: number };
} {
  const missions = new Map<string, { tokens: number; costUsd: number; calls: number }>();
  const days = new Map<string, { tokens: number; reserved: number; costUsd: number; calls: number }>();
  const dayOf = (projectId: string, day: string) => {
    const key = `${projectId}/${day}`;
    let entry = days.get(key);
    if (!entry) days.set(key, (entry = { tokens: 0, reserved: 0, costUsd: 0, calls: 0 }));
    return entry;
  };
  const missionOf = (missionId: string) => {
    let entry = missions.get(missionId);
    if (!entry) missions.set(missionId, (entry = { tokens: 0, costUsd: 0, calls: 0 }));
    return entry;
  };
  return {
    async reserve({ projectId, missionId, estimatedTokens, missionLimit, dailyLimit }) {
      const mission = missionOf(missionId);
      if (mission.tokens + estimatedTokens > missionLimit) return { ok: false, scope: "mission", spent: mission.tokens, limit: missionLimit };
      const day = utcDay(now());
      const entry = dayOf(projectId, day);
      if (entry.tokens + entry.reserved + estimatedTokens > dailyLimit) {
        return { ok: false, scope: "project_day", spent: entry.tokens + entry.reserved, limit: dailyLimit };
      }
      entry.reserved += estimatedTokens;
      return { ok: true, reservation: { projectId, missionId, day, tokens: estimatedTokens } };
    },
    async settle(reservation, { usage, costUsd, called }) {
      const entry = dayOf(reservation.projectId, reservation.day);
      entry.reserved = Math.max(0, entry.reserved - reservation.tokens);
      const tokens = totalTokens(usage);
      entry.tokens += tokens;
      entry.costUsd += costUsd ?? 0;
      const mission = missionOf(reservation.missionId);
      mission.tokens += tokens;
      mission.costUsd += costUsd ?? 0;
      if (called) {
        entry.calls += 1;
        mission.calls += 1;
      }
    },
    spentByMission: (missionId) => ({ ...missionOf(missionId) }),
    spentByProjectDay: (projectId, day) => ({ ...dayOf(projectId, day) }),
  };
}
