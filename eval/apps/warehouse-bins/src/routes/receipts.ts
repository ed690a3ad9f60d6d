import Router from "@koa/router";
import type { Inventory } from "../inventory.ts";
import { normalizeBarcode } from "../lib/barcodes.ts";

interface ReceiptLine {
  barcode?: string;
  sku?: string;
  qty: number;
  bin: string;
}

// Goods in: the dock team scans each carton and puts it away into a bin.
export function receiptRoutes(inventory: Inventory) {
  const router = new Router({ prefix: "/receipts" });

  router.post("/", (ctx) => {
    const { supplier, lines } = ctx.request.body as { supplier?: string; lines?: ReceiptLine[] };
    if (!supplier || !Array.isArray(lines) || lines.length === 0) ctx.throw(400, "supplier and lines are required");

    const resolved = lines.map((line) => {
      const sku = inventory.skuForBarcode(normalizeBarcode(line.barcode!));
      if (!sku) ctx.throw(422, `unknown barcode ${line.barcode}`);
      if (!inventory.bins.has(line.bin)) ctx.throw(422, `unknown bin ${line.bin}`);
      if (!Number.isInteger(line.qty) || line.qty <= 0) ctx.throw(422, "qty must be a positive whole number");
      return { sku, bin: line.bin, qty: line.qty };
    });
    const booked = resolved.map(({ sku, bin, qty }) => ({ sku, bin, qty, nowInBin: inventory.move(bin, sku, qty) }));
    ctx.status = 201;
    ctx.body = { supplier, booked };
  });

  return router;
}
