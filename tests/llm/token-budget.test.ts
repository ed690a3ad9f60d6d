import { describe, expect, it } from "vitest";
import { parseSettings } from "../../src/config/healing-config.ts";
import { costOfUsage, createMemoryTokenBudget, estimateRequestTokens, priceFor } from "../../src/llm/token-budget.ts";

const pricing = parseSettings({}).model.pricing;

describe("token accounting", () => {
  it("prices usage per model, matching dated snapshots of a priced id", () => {
    expect(priceFor("claude-sonnet-5-5-20260928", pricing)?.model).toBe("claude-sonnet-5-5");
    expect(priceFor("claude-unknown", pricing)).toBeNull();
    // 1M input at $2 + 100k output at $10 + 200k cache writes at $2.5 + 1M cache reads at $0.2
    expect(costOfUsage({ inputTokens: 1_000_000, outputTokens: 100_000, cacheWriteTokens: 200_000, cacheReadTokens: 1_000_000 }, "claude-sonnet-5-5", pricing)).toBe(3.7);
    expect(costOfUsage({ inputTokens: 1, outputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0 }, "claude-unknown", pricing)).toBeNull();
  });

  it("estimates a request from its text plus the whole output allowance", () => {
    const estimate = estimateRequestTokens({
      system: [{ text: "s".repeat(3000), cache: true }],
      messages: [{ role: "user", content: "u".repeat(6000) }],
      tools: [{ name: "t", description: "d", inputSchema: { type: "object" } }],
      toolChoice: { name: "t" },
      maxTokens: 4096,
      temperature: null,
      model: "m",
      timeoutMs: 1000,
    });
    expect(estimate).toBe(Math.ceil((3000 + 6000 + 2 + 17) / 3) + 50 + 10 + 300 + 4096);
  });

  it("releases a reservation that made no call", async () => {
    const budget = createMemoryTokenBudget(() => new Date("2026-11-21T00:00:00Z"));
    const reserved = await budget.reserve({ projectId: "p", missionId: "m", estimatedTokens: 900, missionLimit: 1000, dailyLimit: 1000 });
    expect(reserved.ok).toBe(true);
    expect(await budget.reserve({ projectId: "p", missionId: "m2", estimatedTokens: 200, missionLimit: 1000, dailyLimit: 1000 })).toMatchObject({ ok: false, scope: "project_day" });
    if (reserved.ok) await budget.settle(reserved.reservation, { usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }, costUsd: 0, called: false });
    expect((await budget.reserve({ projectId: "p", missionId: "m2", estimatedTokens: 200, missionLimit: 1000, dailyLimit: 1000 })).ok).toBe(true);
  });
});
