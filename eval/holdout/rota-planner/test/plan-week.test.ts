import assert from "node:assert/strict";
import { findEmployee, planWeek, shiftLength } from "../src";
import { dayStore } from "./fixtures";

describe("planWeek", () => {
  it("fills shifts with the least busy eligible people", () => {
    const plan = planWeek(dayStore());
    const who = (shiftId: string) => plan.assignments.filter((a) => a.shiftId === shiftId).map((a) => a.employeeId);
    assert.deepEqual(who("mon-stock"), ["e-02"]);
    assert.deepEqual(who("mon-am"), ["e-01", "e-03"]);
    assert.deepEqual(who("mon-pm"), []);
    assert.deepEqual(plan.unfilled, [{ shiftId: "mon-pm", missing: 1 }]);
  });

  it("keeps people on leave off the rota", () => {
    const plan = planWeek(dayStore());
    assert.ok(!plan.assignments.some((a) => a.employeeId === "e-02" && a.date === "2026-12-01"));
    assert.deepEqual(plan.assignments.filter((a) => a.shiftId === "tue-am").map((a) => a.employeeId), ["e-01", "e-03"]);
  });

  it("counts contract hours", () => {
    const plan = planWeek(dayStore());
    assert.deepEqual(plan.hours, { "e-01": 24.5, "e-02": 4, "e-03": 16, "e-04": 0 });
  });

  it("refuses a week that does not start on a Monday", () => {
    assert.throws(() => planWeek({ ...dayStore(), weekOf: "2026-12-01" }), /weekOf must be a Monday/);
  });

  it("measures night shifts across midnight", () => {
    assert.equal(shiftLength("22:00", "06:00"), 8);
    assert.equal(shiftLength("09:00", "17:30"), 8.5);
  });

  it("finds employees or answers null", () => {
    assert.equal(findEmployee(dayStore(), "e-03")?.name, "Chen Wu");
    assert.equal(findEmployee(dayStore(), "e-99"), null);
  });
});
