import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createHourlyHandler } from "../src/handlers/hourly.ts";
import { SITES } from "../src/sites.ts";
import { stores, views } from "./support.ts";

describe("rollups of sites with web vitals", () => {
  it("store the p50, p75 and p95 of LCP", async () => {
    const deps = stores(views("shop-nl", "2026-11-18T09", 11, true));
    const handler = createHourlyHandler({ sites: SITES, ...deps });
    const result = await handler({
      "detail-type": "Rollup Backfill Requested",
      source: "ops.console",
      time: "2026-11-18T10:15:00Z",
      detail: { site: "shop-nl", window: { start: "2026-11-18T09:00:00Z", end: "2026-11-18T10:00:00Z" } },
    });
    assert.equal(result.status, "ok");
    const rollup = await deps.rollups.get("shop-nl", "2026-11-18T09:00:00.000Z");
    assert.deepEqual(rollup?.lcp, { p50: 1500, p75: 1750, p95: 1950 });
    assert.equal(rollup?.views, 11);
  });
});
