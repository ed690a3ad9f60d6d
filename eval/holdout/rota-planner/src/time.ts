import type { Clock, Day } from "./types";

export const DAYS: Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export function minutesOf(clock: Clock): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`not a clock time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Length of a shift in hours; night shifts (end at or before start) run into the next day. */
export function shiftLength(start: Clock, end: Clock): number {
  const from = minutesOf(start);
  let to = minutesOf(end);
  if (to <= from) to += 24 * 60;
  return (to - from) / 60;
}

/** ISO date of a weekday in the week starting on Monday `weekOf`. */
export function dateOf(weekOf: string, day: Day): string {
  const monday = Date.parse(`${weekOf}T00:00:00Z`);
  if (Number.isNaN(monday) || new Date(monday).getUTCDay() !== 1) throw new RangeError(`weekOf must be a Monday, got ${weekOf}`);
  return new Date(monday + DAYS.indexOf(day) * 86_400_000).toISOString().slice(0, 10);
}
