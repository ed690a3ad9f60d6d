const EPOCH_SECONDS = /^\d{9,10}$/;

/**
 * Timestamps from both billing systems: ISO strings from the current one, epoch seconds (as a
 * number or a digit string) from the one we migrated away from in 2024. Returns ms or NaN.
 */
export function parseTimestamp(value) {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return value < 1e11 ? value * 1000 : value;
  if (typeof value === "string" && EPOCH_SECONDS.test(value)) return Number(value) * 1000;
  return Date.parse(value);
}

export const DAY_MS = 86_400_000;

export function periodBounds(period) {
  const [year, month] = period.split("-").map(Number);
  return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}
