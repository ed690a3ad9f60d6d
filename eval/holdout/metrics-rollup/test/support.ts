import { createEventStore, createRollupStore, type PageView } from "../src/store/memory.ts";

export function views(site: string, hour: string, count: number, withLcp = false): PageView[] {
  return Array.from({ length: count }, (_, i) => ({
    site,
    at: `${hour}:${String(i % 60).padStart(2, "0")}:00.000Z`,
    path: ["/", "/pricing", "/products/kettle", "/"][i % 4],
    visitor: `v${i % 3}`,
    ...(withLcp ? { lcpMs: 1000 + i * 100 } : {}),
  }));
}

export function stores(initial: PageView[]) {
  return { events: createEventStore(initial), rollups: createRollupStore() };
}
