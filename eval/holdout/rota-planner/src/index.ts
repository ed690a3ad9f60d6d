export { onLeave, worksOn } from "./availability";
export { findEmployee, planWeek, type WeekInput } from "./plan-week";
export { renderRota } from "./render";
export { dateOf, DAYS, minutesOf, shiftLength } from "./time";
export type * from "./types";
