import type { PageView, Rollup } from "../store/memory.ts";
import * as stats from "./stats.ts";

const TOP_PATHS = 5;

export interface SiteConfig {
  id: string;
  /** Sites with the RUM snippet report LCP with every page view. */
  vitals: boolean;
}

export function summarize(site: SiteConfig, views: PageView[], window: { start: string; end: string }): Rollup {
  const topPaths = [...stats.countBy(views, (view) => view.path).entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_PATHS)
    .map(([path, count]) => ({ path, views: count }));
  const rollup: Rollup = {
    site: site.id,
    start: window.start,
    end: window.end,
    views: views.length,
    visitors: new Set(views.map((view) => view.visitor)).size,
    topPaths,
  };
  if (site.vitals) {
    const lcp = views.map((view) => view.lcpMs).filter((ms): ms is number => typeof ms === "number");
    if (lcp.length > 0) {
      rollup.lcp = { p50: stats.percentile(lcp, 50), p75: stats.percentile(lcp, 75), p95: stats.percentile(lcp, 95) };
    }
  }
  return rollup;
}
