// Builders of generic-contract events for tests: realistic shapes, deterministic values.

export interface GenericEventInput {
  id: string;
  at?: string;
  type?: string;
  message?: string;
  stack?: string;
  route?: string;
  status?: number;
  userId?: string | null;
  durationMs?: number;
  release?: string;
}

export function nodeStack(type: string, message: string, fn = "getUser", file = "src/routes/users.ts", line = 12): string {
  return [
    `${type}: ${message}`,
    `    at ${fn} (/var/task/${file}:${line}:20)`,
    `    at handleRequest (/var/task/src/server.ts:40:11)`,
    `    at Server.<anonymous> (/var/task/node_modules/some-router/index.js:95:5)`,
    `    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
  ].join("\n");
}

export function errorEvent(input: GenericEventInput): Record<string, unknown> {
  const type = input.type ?? "TypeError";
  const message = input.message ?? "Cannot read properties of undefined (reading 'email')";
  return {
    event_id: input.id,
    timestamp: input.at ?? "2026-11-20T10:00:00.000Z",
    level: "error",
    environment: "production",
    release: input.release ?? "v1.0.0",
    exception: { type, value: message, stacktrace: input.stack ?? nodeStack(type, message) },
    request: { method: "GET", url: `https://api.example.com${input.route ?? "/users/42"}`, status: input.status ?? 500, duration_ms: input.durationMs ?? 12 },
    user: input.userId === null ? undefined : { id: input.userId ?? "user-1" },
    tags: { region: "eu-west-1" },
  };
}

export function requestEvent(input: GenericEventInput): Record<string, unknown> {
  return {
    event_id: input.id,
    timestamp: input.at ?? "2026-11-20T10:00:00.000Z",
    level: "info",
    environment: "production",
    request: { method: "GET", url: `https://api.example.com${input.route ?? "/users/42"}`, status: input.status ?? 200, duration_ms: input.durationMs ?? 30 },
  };
}

export function ndjson(items: unknown[]): string {
  return items.map((item) => JSON.stringify(item)).join("\n");
}
