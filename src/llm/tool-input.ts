import type { z } from "zod";

// A forced tool call's input, parsed with the caller's zod schema: an object, or the JSON string
// some proxies return in its place. The reason names the first few fields that did not match,
// bounded, because the answer is model output.

export type ToolInputResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseToolInput<T>(schema: z.ZodType<T>, input: unknown): ToolInputResult<T> {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, reason: "the answer was not valid JSON" };
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(input)"}: ${issue.message}`)
    .join("; ");
  return { ok: false, reason: `the answer did not match the tool schema (${issues.slice(0, 500)})` };
}
