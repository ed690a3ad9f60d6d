import type { Reading } from "./reading-store.js";

/** A reading as the sensor firmware sends it: epoch seconds and short keys to save airtime. */
export interface WireReading {
  ts: number;
  t: number;
  rh: number;
  bat?: number;
}

export function fromWire(deviceId: string, wire: WireReading): Reading {
  return {
    deviceId,
    at: new Date(wire.ts * 1000).toISOString(),
    temperature: wire.t,
    humidity: wire.rh,
    battery: wire.bat,
  };
}

export function isPlausible(wire: WireReading): boolean {
  return Number.isFinite(wire.ts) && wire.ts > 1_600_000_000 && Number.isFinite(wire.t) && wire.t > -80 && wire.t < 80;
}
