import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { coerceError } from "../core/errors.ts";
import { type Llm, LlmError, type LlmRequest, type LlmResult } from "./llm.ts";
import type { LlmUsage } from "../core/token-accounting.ts";
import { type CallFailure, decideRetry, retryAfterMs } from "./retry-policy.ts";

// The Llm port over the official SDK (Messages API, tool use). The SDK's own retries are off:
// they would sleep past the cycle's deadline, so this adapter retries itself and checks the
// deadline before every wait. The static system prompt carries cache_control so the prompt
// prefix is cached across a mission's attempts and across missions. Tool use is forced with
// tool_choice {type: "tool"}, so the answer is always one structured call (or a refusal).

export interface AnthropicLlmOptions {
  apiKey: string;
  /** Defaults to the public API; tests point it at a local server. */
  baseURL?: string;
  fetch?: typeof fetch;
  /** Attempts per call, including the first (the deadline usually stops earlier). Default 4. */
  maxRetries?: number;
}

const DEFAULT_MAX_ATTEMPTS = 4;

export function createAnthropicLlm(options: AnthropicLlmOptions): Llm {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Explicit so the SDK never falls back to ANTHROPIC_BASE_URL from the environment.
    baseURL: options.baseURL ?? "https://api.anthropic.com",
    fetch: options.fetch,
    maxRetries: 0,
  });
  const maxAttempts = Math.max(1, options.maxRetries ?? DEFAULT_MAX_ATTEMPTS);

  async function complete(request: LlmRequest, { deadline }: { deadline: number }): Promise<LlmResult> {
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new LlmError("LLM_UNAVAILABLE", "deadline", "the cycle's deadline passed before the model answered", attempt - 1);
      const timeout = Math.max(1, Math.min(request.timeoutMs, remaining));
      let failure: CallFailure;
      try {
        const message = await client.messages.create(toParams(request), { timeout, maxRetries: 0 });
        return toResult(message, request.toolChoice.name);
      } catch (error) {
        failure = toFailure(error);
      }
      const decision = decideRetry({ failure, attempt, maxAttempts, now: Date.now(), deadline, random: Math.random() });
      if (!decision.retry) throw new LlmError(decision.code, decision.failure, decision.message, attempt);
      await sleep(decision.waitMs);
    }
  }

  return { complete };
}

function toParams(request: LlmRequest): Anthropic.MessageCreateParamsNonStreaming {
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    // No sampling parameters: API version 2026-10-21 (sent by SDK 1.x) answers 400 to temperature,
    // top_p and top_k on every model, so LlmRequest.temperature is for backends that accept it.
    system: request.system.map((block) => ({
      type: "text" as const,
      text: block.text,
      ...(block.cache ? { cache_control: { type: "ephemeral" as const } } : {}),
    })),
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    tools: request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
    })),
    tool_choice: { type: "tool", name: request.toolChoice.name, disable_parallel_tool_use: true },
  };
}

function toResult(message: Anthropic.Message, toolName: string): LlmResult {
  const usage: LlmUsage = {
    inputTokens: count(message.usage?.input_tokens),
    outputTokens: count(message.usage?.output_tokens),
    cacheReadTokens: count(message.usage?.cache_read_input_tokens),
    cacheWriteTokens: count(message.usage?.cache_creation_input_tokens),
  };
  const stopReason = message.stop_reason ?? "unknown";
  const blocks = Array.isArray(message.content) ? message.content : [];
  const text = blocks
    .filter((block): block is Anthropic.TextBlock => block.type === "text")
    .map((block) => block.text)
    .join("\n")
    .slice(0, 2_000);
  if (stopReason === "refusal") return { kind: "refusal", text, usage, stopReason };
  const tool = blocks.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use" && block.name === toolName);
  if (!tool) return { kind: "no_tool", text, usage, stopReason };
  return { kind: "tool", name: tool.name, input: tool.input, usage, stopReason };
}

function toFailure(error: unknown): CallFailure {
  if (error instanceof APIConnectionTimeoutError) return { kind: "timeout" };
  if (error instanceof APIUserAbortError) return { kind: "timeout" };
  if (error instanceof APIConnectionError) return { kind: "network", message: coerceError(error.cause ?? error).message };
  if (error instanceof APIError && typeof error.status === "number") {
    return {
      kind: "http",
      status: error.status,
      retryAfterMs: retryAfterMs(error.headers, Date.now()),
      errorType: error.type ?? null,
      errorCode: error.errorCode ?? null,
      message: error.apiMessage ?? error.message,
    };
  }
  // A body that is not a message (a proxy's HTML page, truncated JSON) is a failed attempt of the
  // transport, not an answer.
  return { kind: "network", message: coerceError(error).message };
}

function count(value: number | null | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
