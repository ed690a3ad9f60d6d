import assert from "node:assert/strict";
import { planWeek, type Employee, type WeekInput } from "../src";

describe("leave exported as one range instead of a list", () => {
  function store(): WeekInput {
    const away = { id: "f-1", name: "Lea Lund", roles: ["till"], maxHours: 38, leave: { from: "2026-12-01", to: "2026-12-02" } } as unknown as Employee;
    return {
      storeId: "CG-007",
      weekOf: "2026-11-30",
      shifts: ["mon", "tue", "wed", "thu"].map((day) => ({ id: `${day}-am`, day: day as WeekInput["shifts"][number]["day"], start: "07:00", end: "15:00", role: "till" as const, needed: 1 })),
      employees: [away, { id: "f-2", name: "Rui Novak", roles: ["till"], maxHours: 16, leave: [] }],
    };
  }

  it("keeps the employee off the rota on the days of that leave", () => {
    const plan = planWeek(store());
    const byDate = Object.fromEntries(plan.assignments.map((a) => [a.date, a.employeeId]));
    assert.equal(byDate["2026-12-01"], "f-2");
    assert.equal(byDate["2026-12-02"], "f-2");
    assert.ok(!plan.assignments.some((a) => a.employeeId === "f-1" && (a.date === "2026-12-01" || a.date === "2026-12-02")));
  });

  it("still schedules the employee on the other days", () => {
    const plan = planWeek(store());
    assert.deepEqual(plan.assignments.filter((a) => a.employeeId === "f-1").map((a) => a.date), ["2026-11-30", "2026-12-03"]);
  });
});
