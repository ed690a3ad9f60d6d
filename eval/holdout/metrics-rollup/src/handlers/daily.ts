import { instrument } from "../lib/instrument.ts";
import { summarize, type SiteConfig } from "../lib/summarize.ts";
import { dayBefore } from "../lib/windows.ts";
import type { EventStore, RollupStore } from "../store/memory.ts";

/** EventBridge "Scheduled Event" at 00:15 UTC: yesterday's rollup for every site. */
export function createDailyHandler(deps: { sites: SiteConfig[]; events: EventStore; rollups: RollupStore }) {
  return instrument(async (event: { time: string }) => {
    const window = dayBefore(event.time);
    const done: string[] = [];
    for (const site of deps.sites) {
      const views = await deps.events.between(site.id, window.start, window.end);
      await deps.rollups.put(summarize({ ...site, vitals: false }, views, window));
      done.push(site.id);
    }
    return { status: "ok" as const, day: window.start.slice(0, 10), sites: done };
  });
}
