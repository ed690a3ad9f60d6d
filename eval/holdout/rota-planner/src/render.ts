import { DAYS, minutesOf } from "./time";
import type { Assignment, Employee, RotaPlan } from "./types";

const DAY_LABEL: Record<string, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };

function inWeekOrder(a: Assignment, b: Assignment): number {
  return DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || minutesOf(a.start) - minutesOf(b.start) || a.employeeId.localeCompare(b.employeeId);
}

/** The rota as posted to the store's chat channel: one line per assignment with a 24-hour bar. */
export function renderRota(plan: RotaPlan, employees: Employee[]): string {
  const names = new Map(employees.map((e) => [e.id, e.name]));
  const lines = [`Rota ${plan.storeId}, week of ${plan.weekOf}`, ""];
  let total = 0;
  for (const a of [...plan.assignments].sort(inWeekOrder)) {
    const startHour = Math.floor(minutesOf(a.start) / 60);
    const hours = (minutesOf(a.end) - minutesOf(a.start)) / 60;
    const bar = " ".repeat(startHour) + "█".repeat(Math.round(hours));
    const name = (names.get(a.employeeId) ?? a.employeeId).padEnd(16);
    lines.push(`${DAY_LABEL[a.day]} ${a.start}-${a.end}  ${name} ${String(hours).padStart(4)}h  |${bar.padEnd(24)}|`);
    total += hours;
  }
  lines.push("", `Total ${total}h`);
  lines.push(plan.unfilled.length === 0 ? "All shifts filled" : `Unfilled: ${plan.unfilled.map((u) => `${u.shiftId} (${u.missing})`).join(", ")}`);
  return lines.join("\n");
}
