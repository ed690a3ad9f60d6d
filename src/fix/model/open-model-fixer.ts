import { parseSettings } from "../../config/healing-config.ts";
import { createAnthropicLlm } from "../../llm/anthropic-llm.ts";
import { createSqlTokenBudget } from "../../store/llm/sql-token-budget.ts";
import type { Sql } from "../../store/sql.ts";
import { createModelFixer, type ModelFixer } from "./model-fixer.ts";

/** The model fixer an entry point builds when it has an Anthropic key; null without one. */
export function openModelFixer(
  anthropic: { apiKey: string; baseUrl: string | null } | null,
  sql: Sql,
  now: () => Date = () => new Date(),
): ModelFixer | null {
  if (!anthropic) return null;
  return createModelFixer({
    llm: createAnthropicLlm({ apiKey: anthropic.apiKey, baseURL: anthropic.baseUrl ?? undefined }),
    settings: parseSettings({}),
    budget: createSqlTokenBudget(sql, now),
  });
}
