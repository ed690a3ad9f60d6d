import { createHash, randomBytes } from "node:crypto";

// node:crypto works in Node and in Deno (and Supabase's edge runtime), synchronously.

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** 128 random bits as 32 hex characters: the shape of a Sentry DSN public key, so a key is a valid DSN user. */
export function randomKey(): string {
  return randomBytes(16).toString("hex");
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let diff = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
