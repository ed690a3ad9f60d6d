import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHourlyHandler } from "../src/handlers/hourly.ts";
import { SITES } from "../src/sites.ts";
import { stores, views } from "./support.ts";

describe("the hourly rule's Scheduled Event (no window in its detail)", () => {
  it("rolls up the clock hour before the event time", async () => {
    const deps = stores([...views("blog", "2026-11-18T08", 4), ...views("blog", "2026-11-18T09", 7), ...views("blog", "2026-11-18T10", 1)]);
    const handler = createHourlyHandler({ sites: SITES, ...deps });
    const result = await handler({ "detail-type": "Scheduled Event", source: "aws.events", time: "2026-11-18T10:00:04Z", detail: { site: "blog" } });
    assert.equal(result.status, "ok");
    const rollup = await deps.rollups.get("blog", "2026-11-18T09:00:00.000Z");
    assert.ok(rollup, "a rollup for 09:00-10:00 is stored");
    assert.equal(rollup.views, 7);
    assert.equal(rollup.end, "2026-11-18T10:00:00.000Z");
    assert.equal(deps.rollups.all().length, 1);
  });

  it("leaves backfills on the window they ask for", async () => {
    const deps = stores(views("docs", "2026-11-18T06", 3));
    const handler = createHourlyHandler({ sites: SITES, ...deps });
    await handler({ "detail-type": "Rollup Backfill Requested", source: "ops.console", time: "2026-11-18T10:15:00Z", detail: { site: "docs", window: { start: "2026-11-18T06:00:00Z", end: "2026-11-18T07:00:00Z" } } });
    assert.equal((await deps.rollups.get("docs", "2026-11-18T06:00:00.000Z"))?.views, 3);
  });
});
