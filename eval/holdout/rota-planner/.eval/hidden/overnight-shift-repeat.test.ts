import assert from "node:assert/strict";
import { planWeek, renderRota, type WeekInput } from "../src";

function nightStore(): WeekInput {
  return {
    storeId: "CG-002",
    weekOf: "2026-11-30",
    shifts: [
      { id: "mon-night", day: "mon", start: "22:00", end: "06:00", role: "till", needed: 1 },
      { id: "tue-night", day: "tue", start: "23:00", end: "07:00", role: "till", needed: 1 },
      { id: "wed-am", day: "wed", start: "07:00", end: "15:00", role: "till", needed: 1 },
    ],
    employees: [
      { id: "n-1", name: "Nia Farah", roles: ["till"], maxHours: 38, leave: [] },
      { id: "n-2", name: "Omar Berg", roles: ["till"], maxHours: 38, leave: [] },
    ],
  };
}

describe("rota with night shifts", () => {
  it("renders night shifts with their real length and a correct total", () => {
    const input = nightStore();
    const plan = planWeek(input);
    const text = renderRota(plan, input.employees);
    assert.match(text, /^Mon 22:00-06:00 .* 8h {2}\|/m);
    assert.match(text, /^Tue 23:00-07:00 .* 8h {2}\|/m);
    assert.match(text, /^Wed 07:00-15:00 .* 8h {2}\|/m);
    assert.match(text, /\nTotal 24h\n/);
    assert.doesNotMatch(text, /-\d+h|NaN/);
  });

  it("agrees with the planned hours", () => {
    const input = nightStore();
    const plan = planWeek(input);
    const text = renderRota(plan, input.employees);
    const total = Object.values(plan.hours).reduce((sum, h) => sum + h, 0);
    assert.match(text, new RegExp(`\\nTotal ${total}h\\n`));
  });
});
