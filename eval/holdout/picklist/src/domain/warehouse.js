/**
 * @typedef {{ sku: string, name: string, bin: string, onHand: number, reserved: number }} Slot
 * @typedef {{ sku: string, bin: string, qty: number, short: number, picker: string }} Pick
 * @typedef {{ id: string, dock: string, status: "open" | "closed", picks: Pick[] }} Wave
 * @typedef {{ slots: Slot[], waves: Map<string, Wave> }} Warehouse
 */

/** Bins are aisle-bay-level ("B07-03-2"); the walking path goes aisle by aisle, bay by bay. */
export function byBin(a, b) {
  return a.bin.localeCompare(b.bin, "en", { numeric: true });
}

/** @param {{ slots: Slot[], waves: Array<Omit<Wave, "picks"> & { picks?: Pick[] }> }} seed @returns {Warehouse} */
export function createWarehouse(seed) {
  return {
    slots: seed.slots.map((slot) => ({ ...slot })),
    waves: new Map(seed.waves.map((wave) => [wave.id, { ...wave, picks: [...(wave.picks ?? [])] }])),
  };
}

export const SEED = {
  slots: [
    { sku: "TLB-10442", name: "Cordless drill 18V", bin: "A02-01-1", onHand: 40, reserved: 4 },
    { sku: "TLB-10451", name: "Drill bit set (HSS, 19 pcs)", bin: "A02-04-3", onHand: 120, reserved: 0 },
    { sku: "TLB-20117", name: "Work gloves L", bin: "B07-03-2", onHand: 300, reserved: 25 },
    { sku: "TLB-20118", name: "Work gloves XL", bin: "B07-03-3", onHand: 6, reserved: 0 },
    { sku: "TLB-31002", name: "Extension cord 10 m", bin: "B11-02-1", onHand: 55, reserved: 10 },
    { sku: "TLB-40990", name: "Safety goggles", bin: "C01-01-1", onHand: 0, reserved: 0 },
    { sku: "TLB-41235", name: "Ear defenders", bin: "C01-05-2", onHand: 80, reserved: 0 },
    { sku: "TLB-55018", name: "Tape measure 5 m", bin: "A10-02-4", onHand: 210, reserved: 30 },
  ],
  waves: [
    { id: "W-2611-01", dock: "D1", status: "open" },
    { id: "W-2611-02", dock: "D2", status: "open" },
    { id: "W-2611-03", dock: "D1", status: "open" },
    { id: "W-2610-09", dock: "D3", status: "closed" },
  ],
};
