import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { shipmentRoutes } from "./shipments/routes.ts";
import { SEED, ShipmentStore } from "./shipments/store.ts";

// API keys per partner shop; production loads them from the secrets store at boot.
export type Keys = Record<string, string>;

export interface Deps {
  store?: ShipmentStore;
  keys: Keys;
  clock?: () => Date;
  captureException?: (error: unknown, path: string) => void;
}

export function buildApp({ store = new ShipmentStore(SEED), keys, clock = () => new Date(), captureException = console.error }: Deps) {
  const app = new Hono<{ Variables: { shopId: string } }>();

  app.use("/v1/*", async (c, next) => {
    const shopId = keys[c.req.header("x-api-key") ?? ""];
    if (!shopId) throw new HTTPException(401, { message: "missing or unknown API key" });
    c.set("shopId", shopId);
    await next();
  });
  app.route("/v1/shipments", shipmentRoutes(store, clock));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    captureException(error, c.req.path);
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
