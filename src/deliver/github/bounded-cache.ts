// A small LRU map with an entry cap and a size cap, kept on each forge instance: isolates are
// reused, so an unbounded cache would grow with every project and commit the isolate ever saw.

export interface BoundedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  readonly size: number;
}

export function createBoundedCache<V>(maxEntries: number, maxWeight: number, weigh: (value: V) => number): BoundedCache<V> {
  const entries = new Map<string, { value: V; weight: number }>();
  let total = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      // Re-insert: Map iteration order is insertion order, so the oldest key is the least recent.
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      const weight = weigh(value);
      if (weight > maxWeight) return;
      const existing = entries.get(key);
      if (existing) {
        total -= existing.weight;
        entries.delete(key);
      }
      entries.set(key, { value, weight });
      total += weight;
      for (const [oldest, entry] of entries) {
        if (entries.size <= maxEntries && total <= maxWeight) break;
        entries.delete(oldest);
        total -= entry.weight;
      }
    },
    get size() {
      return entries.size;
    },
  };
}
