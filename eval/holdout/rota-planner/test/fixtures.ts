import type { WeekInput } from "../src";

export function dayStore(): WeekInput {
  return {
    storeId: "CG-014",
    weekOf: "2026-11-30",
    shifts: [
      { id: "mon-am", day: "mon", start: "07:00", end: "15:00", role: "till", needed: 2 },
      { id: "mon-pm", day: "mon", start: "14:00", end: "22:00", role: "till", needed: 1 },
      { id: "mon-stock", day: "mon", start: "06:00", end: "10:00", role: "stock", needed: 1 },
      { id: "tue-am", day: "tue", start: "07:00", end: "15:00", role: "till", needed: 2 },
      { id: "sat-lead", day: "sat", start: "08:00", end: "16:30", role: "lead", needed: 1 },
    ],
    employees: [
      { id: "e-01", name: "Ana Souza", roles: ["till", "lead"], maxHours: 38, leave: [] },
      { id: "e-02", name: "Ben Carter", roles: ["till", "stock"], maxHours: 20, leave: [{ from: "2026-12-01", to: "2026-12-03" }] },
      { id: "e-03", name: "Chen Wu", roles: ["till"], maxHours: 30, days: ["mon", "tue", "wed"], leave: [] },
      { id: "e-04", name: "Dara Okafor", roles: ["stock"], maxHours: 16, leave: [] },
    ],
  };
}
