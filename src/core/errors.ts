// Any thrown value becomes an Error with a cause; callers branch on `code`, never on message text.

export function coerceError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === "string") return new Error(value);
  return new Error(`Non-error thrown: ${safeStringify(value)}`, { cause: value });
}

export function errorCode(value: unknown): string | null {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}
