export interface PageView {
  site: string;
  at: string;
  path: string;
  visitor: string;
  /** Largest Contentful Paint in ms, from sites with web vitals enabled. */
  lcpMs?: number;
}

export interface Rollup {
  site: string;
  start: string;
  end: string;
  views: number;
  visitors: number;
  topPaths: Array<{ path: string; views: number }>;
  lcp?: { p50: number; p75: number; p95: number };
}

/** Stand-ins for the DynamoDB tables; the Lambda wires the real clients with the same methods. */
export function createEventStore(views: PageView[] = []) {
  const all = [...views];
  return {
    add: (view: PageView) => void all.push(view),
    between: async (site: string, start: string, end: string) => all.filter((v) => v.site === site && v.at >= start && v.at < end),
  };
}

export function createRollupStore() {
  const rows = new Map<string, Rollup>();
  return {
    put: async (rollup: Rollup) => void rows.set(`${rollup.site}#${rollup.start}`, rollup),
    get: async (site: string, start: string) => rows.get(`${site}#${start}`) ?? null,
    all: () => [...rows.values()],
  };
}

export type EventStore = ReturnType<typeof createEventStore>;
export type RollupStore = ReturnType<typeof createRollupStore>;
