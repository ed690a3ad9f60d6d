export type DeviceModel = "THX-2" | "THX-3" | "TMP-1";

export interface Device {
  id: string;
  model: DeviceModel;
  site: string;
  firmware: string;
  /** Alarm range in °C for the goods this sensor watches. */
  range: { min: number; max: number };
}

export class DeviceRegistry {
  readonly #devices = new Map<string, Device>();

  constructor(devices: Device[]) {
    for (const device of devices) this.#devices.set(device.id, device);
  }

  find(id: string): Device | undefined {
    return this.#devices.get(id);
  }

  atSite(site: string): Device[] {
    return [...this.#devices.values()].filter((device) => device.site === site);
  }
}

export const FLEET: Device[] = [
  { id: "thx-0041", model: "THX-3", site: "rotterdam-dc", firmware: "3.2.1", range: { min: 2, max: 8 } },
  { id: "thx-0042", model: "THX-3", site: "rotterdam-dc", firmware: "3.2.1", range: { min: 2, max: 8 } },
  { id: "thx-0107", model: "THX-2", site: "rotterdam-dc", firmware: "1.9.4", range: { min: -25, max: -18 } },
  { id: "thx-0108", model: "THX-2", site: "antwerp-x2", firmware: "1.9.4", range: { min: -25, max: -18 } },
  { id: "tmp-0203", model: "TMP-1", site: "antwerp-x2", firmware: "1.4.0", range: { min: 2, max: 8 } },
  { id: "tmp-0204", model: "TMP-1", site: "antwerp-x2", firmware: "1.4.0", range: { min: 15, max: 25 } },
  { id: "tmp-0311", model: "TMP-1", site: "lille-hub", firmware: "1.4.2", range: { min: 2, max: 8 } },
  { id: "thx-0350", model: "THX-3", site: "lille-hub", firmware: "3.1.0", range: { min: 15, max: 25 } },
];
