import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHourlyHandler } from "../src/handlers/hourly.ts";
import { SITES } from "../src/sites.ts";
import { stores, views } from "./support.ts";

describe("hourly rollup", () => {
  it("backfills the window the ops console asks for", async () => {
    const deps = stores([...views("blog", "2026-11-18T09", 8), ...views("blog", "2026-11-18T10", 2)]);
    const handler = createHourlyHandler({ sites: SITES, ...deps });
    const result = await handler({
      "detail-type": "Rollup Backfill Requested",
      source: "ops.console",
      time: "2026-11-18T14:02:11Z",
      detail: { site: "blog", window: { start: "2026-11-18T09:00:00Z", end: "2026-11-18T10:00:00Z" } },
    });
    assert.deepEqual(result, { status: "ok", site: "blog", start: "2026-11-18T09:00:00.000Z", views: 8 });
    const rollup = await deps.rollups.get("blog", "2026-11-18T09:00:00.000Z");
    assert.deepEqual(rollup?.topPaths, [{ path: "/", views: 4 }, { path: "/pricing", views: 2 }, { path: "/products/kettle", views: 2 }]);
    assert.equal(rollup?.visitors, 3);
    assert.equal(rollup?.lcp, undefined);
  });

  it("ignores sites it does not know", async () => {
    const handler = createHourlyHandler({ sites: SITES, ...stores([]) });
    const result = await handler({ "detail-type": "Rollup Backfill Requested", source: "ops.console", time: "2026-11-18T14:00:00Z", detail: { site: "intranet", window: { start: "2026-11-18T09:00:00Z", end: "2026-11-18T10:00:00Z" } } });
    assert.deepEqual(result, { status: "unknown-site", site: "intranet" });
  });
});
