import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDailyHandler } from "../src/handlers/daily.ts";
import { dayBefore, hourBefore } from "../src/lib/windows.ts";
import { quantile } from "../src/lib/stats.ts";
import { SITES } from "../src/sites.ts";
import { stores, views } from "./support.ts";

describe("daily rollup", () => {
  it("rolls up yesterday for every site", async () => {
    const deps = stores([...views("docs", "2026-11-17T08", 5), ...views("docs", "2026-11-18T01", 3)]);
    const result = await createDailyHandler({ sites: SITES, ...deps })({ time: "2026-11-18T00:15:04Z" });
    assert.equal(result.day, "2026-11-17");
    assert.equal(result.sites.length, SITES.length);
    assert.equal((await deps.rollups.get("docs", "2026-11-17T00:00:00.000Z"))?.views, 5);
  });
});

describe("windows and stats", () => {
  it("takes the clock hour before an event", () => {
    assert.deepEqual(hourBefore("2026-11-18T10:00:07Z"), { start: "2026-11-18T09:00:00.000Z", end: "2026-11-18T10:00:00.000Z" });
    assert.deepEqual(dayBefore("2026-11-18T00:15:00Z"), { start: "2026-11-17T00:00:00.000Z", end: "2026-11-18T00:00:00.000Z" });
  });

  it("interpolates quantiles", () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([10, 20, 30, 40, 50], 0.95), 48);
    assert.equal(quantile([], 0.5), undefined);
  });
});
