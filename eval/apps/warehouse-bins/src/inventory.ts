export interface Sku {
  sku: string;
  name: string;
  barcode: string; // GTIN-14
}

export interface Inventory {
  skus: Map<string, Sku>;
  skuForBarcode(gtin: string): string | undefined;
  stock(bin: string, sku: string): number;
  binContents(bin: string): Array<{ sku: string; qty: number }>;
  move(bin: string, sku: string, delta: number): number;
  bins: Set<string>;
}

export function createInventory(): Inventory {
  const skus = new Map<string, Sku>(
    [
      { sku: "HX-2210", name: "Hex bolt M10x40, box of 50", barcode: "06414502210014" },
      { sku: "HX-2212", name: "Hex bolt M12x50, box of 25", barcode: "06414502212018" },
      { sku: "WS-0810", name: "Washer 8mm, box of 200", barcode: "06414500810017" },
      { sku: "AN-1160", name: "Wall anchor 6mm, box of 100", barcode: "06414501160012" },
      { sku: "DR-5500", name: "Cordless drill 18V", barcode: "06414505500019" },
    ].map((item) => [item.sku, item]),
  );
  const byBarcode = new Map([...skus.values()].map((item) => [item.barcode, item.sku]));
  const bins = new Set(["A-01-1", "A-01-2", "A-02-1", "B-07-3", "C-11-2"]);
  const levels = new Map<string, number>([
    ["A-01-1|HX-2210", 40],
    ["A-01-2|HX-2212", 18],
    ["A-02-1|WS-0810", 75],
    ["B-07-3|AN-1160", 32],
    ["C-11-2|DR-5500", 6],
  ]);

  return {
    skus,
    bins,
    skuForBarcode: (gtin) => byBarcode.get(gtin),
    stock: (bin, sku) => levels.get(`${bin}|${sku}`) ?? 0,
    binContents(bin) {
      return [...levels.entries()].filter(([key, qty]) => key.startsWith(`${bin}|`) && qty > 0).map(([key, qty]) => ({ sku: key.split("|")[1], qty }));
    },
    move(bin, sku, delta) {
      const next = (levels.get(`${bin}|${sku}`) ?? 0) + delta;
      levels.set(`${bin}|${sku}`, next);
      return next;
    },
  };
}
