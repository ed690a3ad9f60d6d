export interface Truck {
  id: string;
  plate: string;
  depot: string;
  model: string;
  /** Epoch milliseconds of the newest reading; absent until the truck first reports. */
  lastSeenAt?: number;
}

export interface Reading {
  truckId: string;
  recordedAt: number;
  lat: number;
  lon: number;
  speedKmh: number;
  fuelPct: number;
}

export interface Fleet {
  list(depot?: string): Truck[];
  get(id: string): Truck | undefined;
  register(truck: Omit<Truck, "lastSeenAt">): Truck;
  addReadings(truckId: string, readings: Reading[]): void;
  readings(truckId: string, limit?: number): Reading[];
}

export function createFleet(seed: Truck[] = []): Fleet {
  const trucks = new Map(seed.map((truck) => [truck.id, { ...truck }]));
  const log = new Map<string, Reading[]>();

  return {
    list(depot) {
      const all = [...trucks.values()];
      return depot ? all.filter((truck) => truck.depot === depot) : all;
    },
    get(id) {
      return trucks.get(id);
    },
    register(truck) {
      const created: Truck = { ...truck };
      trucks.set(created.id, created);
      return created;
    },
    addReadings(truckId, readings) {
      const truck = trucks.get(truckId);
      if (!truck || readings.length === 0) return;
      const entries = log.get(truckId) ?? [];
      entries.push(...readings);
      entries.sort((a, b) => a.recordedAt - b.recordedAt);
      log.set(truckId, entries);
      truck.lastSeenAt = Math.max(truck.lastSeenAt ?? 0, entries[entries.length - 1].recordedAt);
    },
    readings(truckId, limit = 50) {
      return (log.get(truckId) ?? []).slice(-limit);
    },
  };
}

export const DEMO_TRUCKS: Truck[] = [
  { id: "TRK-0412", plate: "HH-LX 412", depot: "hamburg", model: "eActros 300", lastSeenAt: Date.parse("2026-11-09T05:58:12Z") },
  { id: "TRK-0415", plate: "HH-LX 415", depot: "hamburg", model: "eActros 300", lastSeenAt: Date.parse("2026-11-09T06:01:40Z") },
  { id: "TRK-0520", plate: "B-FT 520", depot: "berlin", model: "FH Electric", lastSeenAt: Date.parse("2026-11-09T06:00:03Z") },
  { id: "TRK-0533", plate: "B-FT 533", depot: "berlin", model: "FH Electric", lastSeenAt: Date.parse("2026-11-09T05:47:55Z") },
];
