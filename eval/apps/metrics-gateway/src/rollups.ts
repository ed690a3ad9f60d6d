export interface Point {
  name: string;
  value: number;
  ts?: number;
  tags?: Record<string, string>;
}

/** Sum, count, min and max per metric name and minute. */
export function createRollups() {
  const buckets = new Map<string, { sum: number; count: number; min: number; max: number }>();
  return {
    add(projectId: string, point: Point, now: number) {
      const minute = new Date(Math.floor((point.ts ?? now) / 60_000) * 60_000).toISOString();
      const key = `${projectId}|${point.name}|${minute}`;
      const bucket = buckets.get(key) ?? { sum: 0, count: 0, min: Infinity, max: -Infinity };
      bucket.sum += point.value;
      bucket.count += 1;
      bucket.min = Math.min(bucket.min, point.value);
      bucket.max = Math.max(bucket.max, point.value);
      buckets.set(key, bucket);
    },
    query(projectId: string, name: string) {
      return [...buckets.entries()]
        .filter(([key]) => key.startsWith(`${projectId}|${name}|`))
        .map(([key, bucket]) => ({ minute: key.split("|")[2], ...bucket }))
        .sort((a, b) => a.minute.localeCompare(b.minute));
    },
  };
}
