import assert from "node:assert/strict";
import { planWeek, renderRota } from "../src";
import { publishAll } from "../bin/publish-rota";
import { dayStore } from "./fixtures";

describe("renderRota", () => {
  it("lists assignments in week order with hours and a total", () => {
    const input = dayStore();
    const text = renderRota(planWeek(input), input.employees);
    const lines = text.split("\n");
    assert.equal(lines[0], "Rota CG-014, week of 2026-11-30");
    assert.equal(lines[2], "Mon 06:00-10:00  Ben Carter          4h  |      ████              |");
    assert.match(text, /Sat 08:00-16:30  Ana Souza         8\.5h/);
    assert.match(text, /\nTotal 44\.5h\n/);
    assert.match(text, /Unfilled: mon-pm \(1\)$/);
  });
});

describe("publishAll", () => {
  it("posts each store to its channel", async () => {
    const posted: string[] = [];
    const done = await publishAll([dayStore()], async (channel) => void posted.push(channel), () => assert.fail("no error expected"));
    assert.deepEqual(done, ["CG-014"]);
    assert.deepEqual(posted, ["#rota-CG-014"]);
  });

  it("reports a failing store and carries on", async () => {
    const reported: string[] = [];
    const broken = { ...dayStore(), storeId: "CG-099", weekOf: "2026-12-02" };
    const done = await publishAll([broken, dayStore()], async () => {}, (_error, tags) => void reported.push(tags.store));
    assert.deepEqual(done, ["CG-014"]);
    assert.deepEqual(reported, ["CG-099"]);
  });
});
