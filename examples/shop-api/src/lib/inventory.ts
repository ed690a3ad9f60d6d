// Stock checks happen before any money is computed so a sold-out cart fails fast with a 409.

import type { Db, OrderLine } from "./db.ts";

/** Product ids whose stock cannot cover the requested quantity. */
export function findShortages(db: Db, lines: OrderLine[]): string[] {
  return lines
    .filter((line) => (db.products.get(line.productId)?.stock ?? 0) < line.quantity)
    .map((line) => line.productId);
}

export function reserveStock(db: Db, lines: OrderLine[]): void {
  for (const line of lines) {
    const product = db.products.get(line.productId);
    if (product) product.stock -= line.quantity;
  }
}
