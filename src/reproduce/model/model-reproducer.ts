import type { ModelSettings } from "../../config/healing-config.ts";
import { type Llm, LlmError, type LlmResult, ZERO_USAGE } from "../../llm/llm.ts";
import type { TokenBudget } from "../../core/token-accounting.ts";
import { costOfUsage, estimateRequestTokens } from "../../llm/token-budget.ts";
import type { ModelReproducer, ModelReproductionProposal, ModelReproductionRequest } from "../model-reproduction.ts";
import { checkModelTest } from "./check-test.ts";
import { buildReproductionPrompt, buildReproductionRequest } from "./prompt.ts";
import { parseReproductionAnswer } from "./schema.ts";

// Strategy 3 over the Llm port: one call, within the mission's and the project's token budgets,
// answered through a forced tool and parsed with zod. The proposed test is then checked like
// untrusted code (check-test.ts); the orchestrator runs it only in the sandbox and accepts it
// only through the oracle.

export interface ModelReproducerDeps {
  llm: Llm;
  settings: ModelSettings;
  budget: TokenBudget;
  projectId: string;
  missionId: string;
  /** Epoch ms: bounds the call's retries. */
  deadline: number;
}

export function createModelReproducer(deps: ModelReproducerDeps): ModelReproducer {
  return {
    async propose(request: ModelReproductionRequest): Promise<ModelReproductionProposal> {
      const llmRequest = buildReproductionRequest(buildReproductionPrompt(request), deps.settings);
      const estimatedTokens = estimateRequestTokens(llmRequest);
      const reserved = await deps.budget.reserve({
        projectId: deps.projectId,
        missionId: deps.missionId,
        estimatedTokens,
        missionLimit: deps.settings.missionTokenBudget,
        dailyLimit: deps.settings.dailyTokenBudget,
      });
      if (!reserved.ok) {
        return { kind: "declined", reason: `The model was not asked: about ${estimatedTokens} more tokens would exceed the ${reserved.scope === "mission" ? "mission's" : "project's daily"} token budget (${reserved.spent} of ${reserved.limit} spent).` };
      }
      let result: LlmResult;
      try {
        result = await deps.llm.complete(llmRequest, { deadline: deps.deadline });
      } catch (error) {
        await deps.budget.settle(reserved.reservation, { usage: ZERO_USAGE, costUsd: 0, called: false });
        if (error instanceof LlmError) return { kind: "declined", reason: `The model API is unavailable (${error.failure}): ${error.message}.` };
        throw error;
      }
      await deps.budget.settle(reserved.reservation, { usage: result.usage, costUsd: costOfUsage(result.usage, deps.settings.id, deps.settings.pricing), called: true });
      if (result.kind !== "tool") return { kind: "declined", reason: result.kind === "refusal" ? "The model refused to answer." : "The model answered without calling the tool." };
      if (result.stopReason === "max_tokens") return { kind: "declined", reason: `The answer was cut off at ${deps.settings.maxTokens} tokens.` };
      const parsed = parseReproductionAnswer(result.input);
      if (!parsed.ok) return { kind: "declined", reason: `Malformed answer: ${parsed.reason}.` };
      const { test, reason } = parsed.answer;
      if (!test) return { kind: "declined", reason: `The model wrote no test: ${oneLine(reason)}` };
      const check = checkModelTest(test.path, test.content, request.style, new Set(request.snapshot.files));
      if (!check.ok) return { kind: "declined", reason: `The model's test was not run: ${check.reason}.` };
      return { kind: "test", path: test.path, content: test.content, titles: check.titles };
    },
  };
}

/** Model text lands in the mission record: one line, bounded, no control characters. */
function oneLine(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return line.length <= 300 ? line : `${line.slice(0, 299)}…`;
}
