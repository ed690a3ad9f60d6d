import { instrument } from "../lib/instrument.ts";
import { summarize, type SiteConfig } from "../lib/summarize.ts";
import type { Window } from "../lib/windows.ts";
import type { EventStore, RollupStore } from "../store/memory.ts";

/**
 * EventBridge: "Scheduled Event" from the hourly rule (detail carries the site), or
 * "Rollup Backfill Requested" from the ops console (detail also carries the window).
 */
export interface RollupEvent {
  "detail-type": "Scheduled Event" | "Rollup Backfill Requested";
  source: string;
  time: string;
  detail: { site: string; window?: Window };
}

export function createHourlyHandler(deps: { sites: SiteConfig[]; events: EventStore; rollups: RollupStore }) {
  return instrument(async (event: RollupEvent) => {
    const site = deps.sites.find((candidate) => candidate.id === event.detail.site);
    if (!site) return { status: "unknown-site" as const, site: event.detail.site };

    const start = new Date(event.detail.window.start).toISOString();
    const end = new Date(event.detail.window.end).toISOString();
    const views = await deps.events.between(site.id, start, end);
    const rollup = summarize(site, views, { start, end });
    await deps.rollups.put(rollup);
    return { status: "ok" as const, site: site.id, start, views: rollup.views };
  });
}
