export interface Reading {
  deviceId: string;
  at: string;
  temperature: number;
  /** Relative humidity in %. */
  humidity: number;
  battery?: number;
}

const KEEP_PER_DEVICE = 500;

export class ReadingStore {
  readonly #byDevice = new Map<string, Reading[]>();

  append(readings: Reading[]): number {
    for (const reading of readings) {
      const list = this.#byDevice.get(reading.deviceId) ?? [];
      list.push(reading);
      list.sort((a, b) => a.at.localeCompare(b.at));
      if (list.length > KEEP_PER_DEVICE) list.splice(0, list.length - KEEP_PER_DEVICE);
      this.#byDevice.set(reading.deviceId, list);
    }
    return readings.length;
  }

  latest(deviceId: string): Reading | undefined {
    const list = this.#byDevice.get(deviceId);
    return list?.[list.length - 1];
  }

  since(deviceId: string, from: string): Reading[] {
    return (this.#byDevice.get(deviceId) ?? []).filter((reading) => reading.at >= from);
  }
}
