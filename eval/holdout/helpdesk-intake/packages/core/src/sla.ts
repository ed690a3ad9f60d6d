import type { Priority } from "./types.ts";

/** First-response targets in minutes, from the support handbook. */
export const FIRST_RESPONSE: Record<Priority, number> = { low: 48 * 60, normal: 8 * 60, high: 2 * 60, urgent: 30 };

export function respondBy(createdAt: Date, priority: Priority): string {
  return new Date(createdAt.getTime() + FIRST_RESPONSE[priority] * 60_000).toISOString();
}
