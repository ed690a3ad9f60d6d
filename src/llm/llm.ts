import type { LlmUsage } from "../core/token-accounting.ts";

// The port every language-model backend implements. Only one call shape is needed: a system
// prompt (static parts cacheable), one conversation, one tool the model is forced to call. The
// caller never sees SDK types, retries or HTTP: `complete` either answers or throws an LlmError
// whose `code` says whether waiting can help.

export interface LlmSystemBlock {
  text: string;
  /** Mark the prefix up to and including this block for prompt caching. */
  cache: boolean;
}

export interface LlmTool {
  name: string;
  description: string;
  /** JSON Schema of the tool input (an object schema). */
  inputSchema: object;
}

export interface LlmRequest {
  system: LlmSystemBlock[];
  messages: Array<{ role: "user" | "assistant"; content: string }>;
  tools: LlmTool[];
  /** The tool the model must call. */
  toolChoice: { name: string };
  maxTokens: number;
  /** Null leaves sampling to the backend; the Anthropic adapter never sends it (see anthropic-llm.ts). */
  temperature: number | null;
  model: string;
  /** Longest a single HTTP attempt may take; the deadline bounds all attempts together. */
  timeoutMs: number;
}

export type LlmResult =
  | { kind: "tool"; name: string; input: unknown; usage: LlmUsage; stopReason: string }
  | { kind: "refusal" | "no_tool"; text: string; usage: LlmUsage; stopReason: string };

export interface Llm {
  /**
   * One answer. Retries 429/529 (honouring retry-after), 5xx, timeouts and network errors while
   * the deadline (epoch ms) allows, then throws LlmError LLM_UNAVAILABLE; a request the API
   * refuses outright (bad key, invalid request, spend limit) throws LLM_REJECTED at once.
   */
  complete(request: LlmRequest, options: { deadline: number }): Promise<LlmResult>;
}

export type LlmErrorCode = "LLM_UNAVAILABLE" | "LLM_REJECTED";

/** Why the call failed, for logs and the mission record (never branch on `message`). */
export type LlmFailure =
  | "timeout"
  | "rate_limited"
  | "overloaded"
  | "server_error"
  | "network"
  | "deadline"
  | "authentication"
  | "invalid_request"
  | "spend_limit"
  | "unexpected_response";

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    readonly failure: LlmFailure,
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmError";
  }
}

export const ZERO_USAGE: LlmUsage = Object.freeze({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
