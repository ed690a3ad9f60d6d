import { createWarehouse, SEED } from "./domain/warehouse.js";
import { createRouter, ok } from "./http/router.js";
import { serve } from "./http/server.js";
import { binRoutes } from "./routes/bins.js";
import { waveRoutes } from "./routes/waves.js";

/** @param {{ warehouse?: import('./domain/warehouse.js').Warehouse, onError?: (error: Error, req: import('node:http').IncomingMessage) => void }} [options] */
export function createApp({ warehouse = createWarehouse(SEED), onError } = {}) {
  const router = createRouter();
  router.on("GET", "/health", () => ok({ status: "up" }));
  binRoutes(router, warehouse);
  waveRoutes(router, warehouse);
  return { server: serve(router, { onError }), warehouse };
}
