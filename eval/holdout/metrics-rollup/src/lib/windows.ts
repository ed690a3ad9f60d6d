export interface Window {
  start: string;
  end: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The full clock hour before `time` (an EventBridge event's time): 10:00:07 gives 09:00-10:00. */
export function hourBefore(time: string): Window {
  const end = Math.floor(Date.parse(time) / HOUR) * HOUR;
  return { start: new Date(end - HOUR).toISOString(), end: new Date(end).toISOString() };
}

/** The UTC day before `time`. */
export function dayBefore(time: string): Window {
  const end = Math.floor(Date.parse(time) / DAY) * DAY;
  return { start: new Date(end - DAY).toISOString(), end: new Date(end).toISOString() };
}
