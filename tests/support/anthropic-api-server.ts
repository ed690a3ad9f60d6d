import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A local server speaking enough of the Anthropic Messages API for the real SDK (pointed at it
// through `baseURL`): POST /v1/messages with JSON message responses (tool_use blocks, stop
// reasons, usage with cache fields) and API-shaped errors ({type: "error", error: {type,
// message}}) with their status codes and retry-after headers. Each test scripts a queue of
// responses; every request is recorded so tests can assert what was sent.

export interface ScriptedUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

interface Common {
  /** Wait this long before answering (a slow API). */
  delayMs?: number;
}

export type ScriptedResponse =
  | (Common & { kind: "tool"; input: unknown; name?: string; stopReason?: string; text?: string; usage?: Partial<ScriptedUsage> })
  | (Common & { kind: "text"; text: string; stopReason: "refusal" | "end_turn" | "max_tokens"; usage?: Partial<ScriptedUsage> })
  | (Common & { kind: "error"; status: number; type: string; message: string; retryAfter?: string; errorCode?: string })
  | (Common & { kind: "raw"; status: number; body: string; headers?: Record<string, string> });

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  // The request body as the SDK sent it.
  body: any;
  receivedAt: number;
}

export interface AnthropicApiServer {
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
  enqueue(...responses: ScriptedResponse[]): void;
  /** Scripted responses not yet used. */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function startAnthropicApiServer(options: { apiKey?: string } = {}): Promise<AnthropicApiServer> {
  const apiKey = options.apiKey ?? "sk-test-scripted";
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const cachedPrefixes = new Set<string>();
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error) => {
      if (!res.headersSent && !res.destroyed) sendError(res, 500, "api_error", `test server failed: ${String(error)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(req.headers)) headers[key] = Array.isArray(value) ? value.join(", ") : value;
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers, body, receivedAt: Date.now() });

    if (req.method !== "POST" || !(req.url ?? "").startsWith("/v1/messages")) return sendError(res, 404, "not_found_error", "Not found");
    // SDK 1.x sends the key as `Authorization: Bearer`; older clients send x-api-key (the API takes both).
    const presented = headers["x-api-key"] ?? headers.authorization?.replace(/^Bearer /, "");
    if (presented !== apiKey) return sendError(res, 401, "authentication_error", "invalid x-api-key");
    if (!headers["anthropic-version"]) return sendError(res, 400, "invalid_request_error", "anthropic-version: header is required");
    const problem = requestProblem(body);
    if (problem) return sendError(res, 400, "invalid_request_error", problem);

    const scripted = queue.shift();
    // Fail fast (400 is not retried) so a test that scripted too little fails instead of hanging.
    if (!scripted) return sendError(res, 400, "invalid_request_error", "the test scripted no response for this request");
    if (scripted.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
      if (res.destroyed || req.destroyed) return;
    }
    if (scripted.kind === "error") {
      const extra: Record<string, string> = {};
      if (scripted.retryAfter !== undefined) extra["retry-after"] = scripted.retryAfter;
      // The SDK obeys x-should-retry; the real API sends it too, and our adapter retries itself.
      return sendError(res, scripted.status, scripted.type, scripted.message, extra, scripted.errorCode);
    }
    if (scripted.kind === "raw") {
      res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
      res.end(scripted.body);
      return;
    }
    counter += 1;
    const usage = usageFor(body, scripted.usage);
    const content =
      scripted.kind === "tool"
        ? [
            ...(scripted.text ? [{ type: "text", text: scripted.text }] : []),
            { type: "tool_use", id: `toolu_${String(counter).padStart(4, "0")}`, name: scripted.name ?? body.tool_choice?.name ?? body.tools?.[0]?.name, input: scripted.input },
          ]
        : [{ type: "text", text: scripted.text }];
    const stopReason = scripted.kind === "tool" ? scripted.stopReason ?? "tool_use" : scripted.stopReason;
    sendJson(res, 200, {
      id: `msg_${String(counter).padStart(6, "0")}`,
      type: "message",
      role: "assistant",
      model: body.model,
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage,
    });
  }

  // Prompt caching as the API reports it: the first request with a cache_control prefix writes
  // it, later requests with the same prefix read it.
  function usageFor(body: any, override: Partial<ScriptedUsage> | undefined): ScriptedUsage {
    const system = Array.isArray(body.system) ? body.system : [];
    const cachedIndex = system.map((block: any) => Boolean(block.cache_control)).lastIndexOf(true);
    const prefix = cachedIndex >= 0 ? system.slice(0, cachedIndex + 1).map((block: any) => block.text).join("") : "";
    const prefixTokens = Math.ceil(prefix.length / 4);
    const key = createHash("sha256").update(prefix).digest("hex");
    const hit = prefix !== "" && cachedPrefixes.has(key);
    if (prefix !== "") cachedPrefixes.add(key);
    const total = Math.ceil(JSON.stringify(body).length / 4);
    return {
      input_tokens: Math.max(1, total - prefixTokens),
      output_tokens: 250,
      cache_creation_input_tokens: prefix !== "" && !hit ? prefixTokens : 0,
      cache_read_input_tokens: hit ? prefixTokens : 0,
      ...override,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    pending: () => queue.length,
    reset() {
      queue.length = 0;
      requests.length = 0;
      cachedPrefixes.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the real API answers 400 to, for the fields our adapter sends. */
function requestProblem(body: any): string | null {
  if (body === null || typeof body !== "object") return "request body must be a JSON object";
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (typeof body.max_tokens !== "number") return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  // API version 2026-10-21 removed the sampling parameters on every model.
  for (const field of ["temperature", "top_p", "top_k"]) if (field in body) return `${field}: Extra inputs are not permitted`;
  const choice = body.tool_choice;
  if (choice?.type === "tool" && !(body.tools ?? []).some((tool: any) => tool.name === choice.name)) {
    return `tool_choice: tool '${choice.name}' not found in tools`;
  }
  for (const tool of body.tools ?? []) {
    if (tool.input_schema?.type !== "object") return `tools.${tool.name}.input_schema: type must be 'object'`;
  }
  return null;
}

function sendError(res: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}, errorCode?: string): void {
  sendJson(
    res,
    status,
    { type: "error", error: { type, message, ...(errorCode ? { details: { error_code: errorCode } } : {}) }, request_id: `req_test_${Date.now()}` },
    headers,
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "request-id": `req_test_${Date.now()}`, ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
