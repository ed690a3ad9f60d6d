import { onLeave, worksOn } from "./availability";
import { dateOf, DAYS, minutesOf, shiftLength } from "./time";
import type { Assignment, Employee, RotaPlan, ShiftTemplate } from "./types";

export interface WeekInput {
  storeId: string;
  weekOf: string;
  shifts: ShiftTemplate[];
  employees: Employee[];
}

function byDayAndStart(a: ShiftTemplate, b: ShiftTemplate): number {
  return DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || minutesOf(a.start) - minutesOf(b.start);
}

/**
 * Greedy fill: each shift, in week order, goes to the eligible people with the fewest hours so
 * far. Nobody works two shifts on one day or beyond their contract hours.
 */
export function planWeek(input: WeekInput): RotaPlan {
  const hours: Record<string, number> = Object.fromEntries(input.employees.map((e) => [e.id, 0]));
  const busy = new Set<string>();
  const assignments: Assignment[] = [];
  const unfilled: RotaPlan["unfilled"] = [];

  for (const shift of [...input.shifts].sort(byDayAndStart)) {
    const date = dateOf(input.weekOf, shift.day);
    const length = shiftLength(shift.start, shift.end);
    const eligible = input.employees
      .filter((e) => e.roles.includes(shift.role) && worksOn(e, shift.day))
      .filter((e) => !onLeave(e, date))
      .filter((e) => !busy.has(`${e.id}:${date}`) && hours[e.id] + length <= e.maxHours)
      .sort((a, b) => hours[a.id] - hours[b.id] || a.id.localeCompare(b.id));

    const chosen = eligible.slice(0, shift.needed);
    for (const employee of chosen) {
      hours[employee.id] += length;
      busy.add(`${employee.id}:${date}`);
      assignments.push({ shiftId: shift.id, day: shift.day, date, start: shift.start, end: shift.end, role: shift.role, employeeId: employee.id });
    }
    if (chosen.length < shift.needed) unfilled.push({ shiftId: shift.id, missing: shift.needed - chosen.length });
  }
  return { storeId: input.storeId, weekOf: input.weekOf, assignments, unfilled, hours };
}

/** The employee by id, or null when the store has no such person. */
export function findEmployee(input: WeekInput, id: string): Employee | null {
  return input.employees.find((e) => e.id === id) ?? null;
}
