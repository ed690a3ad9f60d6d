import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicLlm } from "../../src/llm/anthropic-llm.ts";
import { type Llm, LlmError, type LlmRequest } from "../../src/llm/llm.ts";
import { type AnthropicApiServer, startAnthropicApiServer } from "../support/anthropic-api-server.ts";

// The adapter over the real SDK, against the scripted local Messages API.

function request(overrides: Partial<LlmRequest> = {}): LlmRequest {
  return {
    system: [{ text: "You are a careful static system prompt.", cache: true }],
    messages: [{ role: "user", content: "Diagnose this." }],
    tools: [{ name: "report", description: "Report the answer.", inputSchema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] } }],
    toolChoice: { name: "report" },
    maxTokens: 1024,
    temperature: 0,
    model: "claude-test-1",
    timeoutMs: 5_000,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    return error as LlmError;
  }
  throw new Error("expected the call to fail");
}

describe("Anthropic Llm adapter", () => {
  let server: AnthropicApiServer;
  let llm: Llm;
  const soon = () => Date.now() + 10_000;

  beforeAll(async () => {
    server = await startAnthropicApiServer();
    llm = createAnthropicLlm({ apiKey: server.apiKey, baseURL: server.baseURL });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.reset());

  it("sends the static system prompt with cache_control, forces the tool and returns its input with usage", async () => {
    server.enqueue({ kind: "tool", input: { ok: true }, usage: { input_tokens: 120, output_tokens: 30, cache_creation_input_tokens: 900, cache_read_input_tokens: 0 } });
    const result = await llm.complete(request(), { deadline: soon() });
    expect(result).toEqual({
      kind: "tool",
      name: "report",
      input: { ok: true },
      usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 900 },
      stopReason: "tool_use",
    });
    const [sent] = server.requests;
    expect(sent!.path).toBe("/v1/messages");
    expect(sent!.headers.authorization).toBe(`Bearer ${server.apiKey}`);
    expect(sent!.body.system).toEqual([{ type: "text", text: "You are a careful static system prompt.", cache_control: { type: "ephemeral" } }]);
    expect(sent!.body.tool_choice).toEqual({ type: "tool", name: "report", disable_parallel_tool_use: true });
    expect(sent!.body.tools[0]).toMatchObject({ name: "report", input_schema: { type: "object" } });
    expect(sent!.body).not.toHaveProperty("temperature");
  });

  it("reports cache reads on the second call with the same system prompt", async () => {
    server.enqueue({ kind: "tool", input: { ok: true } }, { kind: "tool", input: { ok: false } });
    const first = await llm.complete(request(), { deadline: soon() });
    const second = await llm.complete(request(), { deadline: soon() });
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(second.usage.cacheReadTokens).toBe(first.usage.cacheWriteTokens);
    expect(second.usage.cacheWriteTokens).toBe(0);
  });

  it("returns a refusal as a refusal, and a text-only answer as no_tool", async () => {
    server.enqueue({ kind: "text", text: "I can't help with that.", stopReason: "refusal" }, { kind: "text", text: "Here is my analysis.", stopReason: "end_turn" });
    expect(await llm.complete(request(), { deadline: soon() })).toMatchObject({ kind: "refusal", text: "I can't help with that.", stopReason: "refusal" });
    expect(await llm.complete(request(), { deadline: soon() })).toMatchObject({ kind: "no_tool", text: "Here is my analysis." });
  });

  it.each([
    [429, "rate_limit_error"],
    [529, "overloaded_error"],
  ])("waits as long as retry-after says after a %i, then succeeds", async (status, type) => {
    server.enqueue({ kind: "error", status, type, message: "slow down", retryAfter: "1" }, { kind: "tool", input: { ok: true } });
    const result = await llm.complete(request(), { deadline: soon() });
    expect(result.kind).toBe("tool");
    expect(server.requests).toHaveLength(2);
    const waited = server.requests[1]!.receivedAt - server.requests[0]!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  it("retries a 500 with backoff", async () => {
    server.enqueue({ kind: "error", status: 500, type: "api_error", message: "internal" }, { kind: "tool", input: { ok: true } });
    expect((await llm.complete(request(), { deadline: soon() })).kind).toBe("tool");
    expect(server.requests).toHaveLength(2);
  });

  it("does not wait for a retry-after that ends past the deadline", async () => {
    server.enqueue({ kind: "error", status: 529, type: "overloaded_error", message: "Overloaded", retryAfter: "30" });
    const started = Date.now();
    const error = await failure(llm.complete(request(), { deadline: Date.now() + 5_000 }));
    expect(error.code).toBe("LLM_UNAVAILABLE");
    expect(error.failure).toBe("overloaded");
    expect(error.message).toMatch(/retry after 30 s, past the cycle's deadline/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a response slower than the request timeout, and retries it within the deadline", async () => {
    server.enqueue({ kind: "tool", input: { ok: true }, delayMs: 1_500 }, { kind: "tool", input: { ok: false } });
    const result = await llm.complete(request({ timeoutMs: 300 }), { deadline: soon() });
    expect(result).toMatchObject({ kind: "tool", input: { ok: false } });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up as unavailable when every attempt times out before the deadline", async () => {
    server.enqueue(
      { kind: "tool", input: { ok: true }, delayMs: 3_000 },
      { kind: "tool", input: { ok: true }, delayMs: 3_000 },
      { kind: "tool", input: { ok: true }, delayMs: 3_000 },
    );
    const error = await failure(llm.complete(request({ timeoutMs: 400 }), { deadline: Date.now() + 1_500 }));
    expect(error.code).toBe("LLM_UNAVAILABLE");
    expect(["timeout", "deadline"]).toContain(error.failure);
  });

  it("rejects at once, without retrying, a bad key or a spend limit", async () => {
    const wrongKey = createAnthropicLlm({ apiKey: "sk-wrong", baseURL: server.baseURL });
    const auth = await failure(wrongKey.complete(request(), { deadline: soon() }));
    expect(auth).toMatchObject({ code: "LLM_REJECTED", failure: "authentication" });
    expect(server.requests).toHaveLength(1);

    server.reset();
    server.enqueue({ kind: "error", status: 429, type: "rate_limit_error", message: "spend limit", errorCode: "enforced_spend_limit_reached" });
    const spend = await failure(llm.complete(request(), { deadline: soon() }));
    expect(spend).toMatchObject({ code: "LLM_REJECTED", failure: "spend_limit" });
    expect(server.requests).toHaveLength(1);
  });

  it("is unavailable when the API cannot be reached", async () => {
    const gone = await startAnthropicApiServer();
    const url = gone.baseURL;
    await gone.close();
    const unreachable = createAnthropicLlm({ apiKey: "sk-x", baseURL: url, maxRetries: 2 });
    const error = await failure(unreachable.complete(request(), { deadline: soon() }));
    expect(error).toMatchObject({ code: "LLM_UNAVAILABLE", failure: "network", attempts: 2 });
  });
});
