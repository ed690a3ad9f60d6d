import Router from "@koa/router";
import type { Inventory } from "../inventory.ts";
import { normalizeBarcode } from "../lib/barcodes.ts";

interface PickLine {
  barcode?: string;
  sku?: string;
  qty: number;
}

export function picklistRoutes(inventory: Inventory) {
  const router = new Router({ prefix: "/picklists" });

  // Builds the walking order for a picker: each line is taken from the bins that hold it.
  router.post("/", (ctx) => {
    const { order, lines } = ctx.request.body as { order?: string; lines?: PickLine[] };
    if (!order || !Array.isArray(lines)) ctx.throw(400, "order and lines are required");
    const stops = lines.map((line) => {
      // Hand-keyed lines from the office carry the SKU; scanned ones the barcode.
      const sku = line.sku ?? inventory.skuForBarcode(normalizeBarcode(line.barcode ?? ""));
      if (!sku || !inventory.skus.has(sku)) ctx.throw(422, `unknown item ${line.sku ?? line.barcode}`);
      const bin = [...inventory.bins].find((candidate) => inventory.stock(candidate, sku) >= line.qty);
      if (!bin) ctx.throw(409, `not enough ${sku} in any bin`);
      return { bin, sku, qty: line.qty };
    });
    stops.sort((a, b) => a.bin.localeCompare(b.bin));
    ctx.body = { order, stops };
  });

  return router;
}
