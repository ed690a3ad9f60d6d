import type { HealingSettings } from "../../config/healing-config.ts";
import { type Llm, LlmError, type LlmResult, ZERO_USAGE } from "../../llm/llm.ts";
import { costOfUsage, estimateRequestTokens } from "../../llm/token-budget.ts";
import type { LlmUsage, TokenBudget } from "../../core/token-accounting.ts";
import type { FixCandidate } from "../fix-candidate.ts";
import { applyModelEdits } from "./apply-edits.ts";
import { modelFixBaseConfidence } from "./confidence.ts";
import { assembleModelContext, type ModelContextInput } from "./context.ts";
import { buildModelFixRequest } from "./prompt.ts";
import { type DiagnosisCategory, type ModelProposal, parseModelProposal } from "./schema.ts";

// One model attempt at a fix for an error the pattern library does not handle. The model
// proposes; this code disposes: it bounds what the model sees, refuses to send over budget,
// parses the answer with zod, applies the edits only where they match exactly once, and derives
// the confidence from evidence as well as the model's own number. The candidate it returns goes
// through guardChanges and validation like any pattern's, so nothing here is the last line.

export interface ModelFixerDeps {
  llm: Llm;
  /** Defaults for every call; a call's `settings` (the project's) wins. */
  settings: HealingSettings;
  budget: TokenBudget;
}

export interface ModelFixInput extends ModelContextInput {
  projectId: string;
  missionId: string;
  /** Epoch ms: the cycle's deadline, which bounds retries. */
  deadline: number;
  /** The project's settings (model id, budgets, pricing); deps.settings when absent. */
  settings?: HealingSettings;
}

export interface ModelDiagnosis {
  rootCause: string;
  file: string | null;
  line: number | null;
  category: DiagnosisCategory;
  confidence: number;
  fixable: boolean;
  needsHumanReason: string | null;
}

export interface ModelUsage extends LlmUsage {
  model: string;
  /** Model calls made (0 when none was sent). */
  calls: number;
  /** Null when config has no price for the model. */
  costUsd: number | null;
}

export type ModelUnavailableCause = "mission_budget" | "daily_budget" | "api_unavailable" | "api_rejected";

export type ModelFixOutcome =
  | { kind: "candidate"; candidate: FixCandidate; diagnosis: ModelDiagnosis; modelConfidence: number; usage: ModelUsage }
  | { kind: "not_fixable"; reason: string; diagnosis: ModelDiagnosis | null; usage: ModelUsage }
  | { kind: "failed_attempt"; reason: string; usage: ModelUsage }
  | {
      kind: "unavailable";
      reason: string;
      /**
       * mission_budget: this mission may spend no more (a person should take it);
       * daily_budget: the project's day is spent (try tomorrow);
       * api_unavailable: retries ran out within the deadline (try next tick);
       * api_rejected: bad key, invalid request or spend limit (retrying will not help until config changes).
       */
      cause: ModelUnavailableCause;
    };

export type ModelFixer = (input: ModelFixInput) => Promise<ModelFixOutcome>;

export const MODEL_PATTERN_PREFIX = "model:";

export function createModelFixer(deps: ModelFixerDeps): ModelFixer {
  return async function fixWithModel(input: ModelFixInput): Promise<ModelFixOutcome> {
    const settings = (input.settings ?? deps.settings).model;
    const noCall: ModelUsage = { ...ZERO_USAGE, model: settings.id, calls: 0, costUsd: 0 };
    if (input.classification.kind === "transient") {
      return {
        kind: "not_fixable",
        reason: `Not a code bug: ${input.classification.reason}. The model is not asked to patch an outage.`,
        diagnosis: null,
        usage: noCall,
      };
    }

    const context = await assembleModelContext(input);
    if (context.shownFiles.length === 0) {
      return {
        kind: "not_fixable",
        reason: "No stack frame of this error points at a file in the repository, so there is no source for a fix; a person should look.",
        diagnosis: null,
        usage: noCall,
      };
    }

    const request = buildModelFixRequest(context.prompt, settings);
    const estimatedTokens = estimateRequestTokens(request);
    const reserved = await deps.budget.reserve({
      projectId: input.projectId,
      missionId: input.missionId,
      estimatedTokens,
      missionLimit: settings.missionTokenBudget,
      dailyLimit: settings.dailyTokenBudget,
    });
    if (!reserved.ok) {
      const where = reserved.scope === "mission" ? "this mission's token budget (model.missionTokenBudget)" : "the project's daily token budget (model.dailyTokenBudget)";
      return {
        kind: "unavailable",
        cause: reserved.scope === "mission" ? "mission_budget" : "daily_budget",
        reason: `Model call not sent: about ${estimatedTokens} more tokens would exceed ${where}, ${reserved.spent} of ${reserved.limit} already spent.`,
      };
    }

    let result: LlmResult;
    try {
      result = await deps.llm.complete(request, { deadline: input.deadline });
    } catch (error) {
      await deps.budget.settle(reserved.reservation, { usage: ZERO_USAGE, costUsd: 0, called: false });
      if (!(error instanceof LlmError)) throw error;
      return {
        kind: "unavailable",
        cause: error.code === "LLM_REJECTED" ? "api_rejected" : "api_unavailable",
        reason: `The model API is unavailable (${error.failure}): ${error.message}.`,
      };
    }
    const costUsd = costOfUsage(result.usage, settings.id, settings.pricing);
    await deps.budget.settle(reserved.reservation, { usage: result.usage, costUsd, called: true });
    const usage: ModelUsage = { ...result.usage, model: settings.id, calls: 1, costUsd };

    if (result.kind !== "tool") {
      const reason = result.kind === "refusal" ? "The model refused to answer (stop_reason refusal)." : "The model answered without calling the tool.";
      return { kind: "failed_attempt", reason, usage };
    }
    if (result.stopReason === "max_tokens") {
      return { kind: "failed_attempt", reason: `The answer was cut off at ${settings.maxTokens} tokens (model.maxTokens).`, usage };
    }
    const parsed = parseModelProposal(result.input);
    if (!parsed.ok) return { kind: "failed_attempt", reason: `Malformed answer: ${parsed.reason}.`, usage };

    const { proposal } = parsed;
    const diagnosis = toDiagnosis(proposal);
    if (!proposal.diagnosis.fixable || !proposal.fix) {
      const why = clean(proposal.diagnosis.needs_human_reason ?? "", 500) || "The model found no small, safe fix.";
      return { kind: "not_fixable", reason: why, diagnosis, usage };
    }

    const applied = await applyModelEdits({ edits: proposal.fix.edits, regressionTest: proposal.fix.regression_test ?? null, repo: input.repo });
    if (!applied.ok) return { kind: "failed_attempt", reason: `The edits could not be applied: ${applied.reason}.`, usage };

    const baseConfidence = modelFixBaseConfidence({
      modelConfidence: diagnosis.confidence,
      changedFiles: applied.changes.map((change) => change.path),
      stackFiles: context.frames.map((frame) => frame.file),
      diagnosisFile: diagnosis.file,
      events: input.group.event_count,
    });
    const where = diagnosis.file ? `${diagnosis.file}${diagnosis.line ? `:${diagnosis.line}` : ""}: ` : "";
    const candidate: FixCandidate = {
      patternId: `${MODEL_PATTERN_PREFIX}${settings.id}`,
      baseConfidence,
      summary: clean(proposal.fix.explanation, 300),
      rootCause: `${where}${diagnosis.rootCause}`,
      changes: applied.changes,
      style: "model-edit",
      expectation: { outcome: "completes", description: "the failing input no longer throws this error" },
      rank: { strategy: "repair", fit: 0.5 },
    };
    return { kind: "candidate", candidate, diagnosis, modelConfidence: diagnosis.confidence, usage };
  };
}

function toDiagnosis(proposal: ModelProposal): ModelDiagnosis {
  const d = proposal.diagnosis;
  return {
    rootCause: clean(d.root_cause, 500),
    file: d.file ? clean(d.file, 300) : null,
    line: d.line ?? null,
    category: d.category,
    confidence: d.confidence,
    fixable: d.fixable,
    needsHumanReason: d.needs_human_reason ? clean(d.needs_human_reason, 500) : null,
  };
}

/** Model text lands in commit messages and the mission record: one line, bounded, no control characters. */
function clean(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
