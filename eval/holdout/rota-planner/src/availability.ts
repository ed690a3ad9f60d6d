import type { Day, Employee } from "./types";

export function worksOn(employee: Employee, day: Day): boolean {
  return employee.days === undefined || employee.days.includes(day);
}

/** Whether the employee is on leave on an ISO date (ranges are inclusive). */
export function onLeave(employee: Employee, date: string): boolean {
  for (const range of employee.leave) {
    if (range.from <= date && date <= range.to) return true;
  }
  return false;
}
