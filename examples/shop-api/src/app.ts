// The whole API as one fetch-style handler: `(Request) => Promise<Response>`. server.ts adapts it
// to node:http; tests call it directly.

import type { Db } from "./lib/db.ts";
import { HttpError, json } from "./lib/http.ts";
import { createRouter } from "./lib/router.ts";
import type { ShippingClient } from "./lib/shipping.ts";
import { orderRoutes } from "./routes/orders.ts";
import { productRoutes } from "./routes/products.ts";
import { userRoutes } from "./routes/users.ts";

export interface AppOptions {
  db: Db;
  shipping: ShippingClient;
  /** Called with every unhandled error; production sends it to the error tracker. */
  onError?: (error: unknown, request: Request) => void;
}

export interface App {
  fetch(request: Request): Promise<Response>;
}

export function createApp(options: AppOptions): App {
  const router = createRouter();
  userRoutes(router);
  productRoutes(router);
  orderRoutes(router);

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const match = router.match(request.method, url.pathname);
    if (!match) {
      return json({ error: "not_found", message: `no route for ${request.method} ${url.pathname}` }, 404);
    }
    const ctx = {
      params: match.params,
      url,
      db: options.db,
      shipping: options.shipping,
      userId: request.headers.get("x-user-id"),
    };
    try {
      return await match.handler(request, ctx);
    } catch (error) {
      if (error instanceof HttpError) return json({ error: error.code, message: error.message }, error.status);
      options.onError?.(error, request);
      // Never leak internals to clients; the stack goes to the error tracker only.
      return json({ error: "internal_error", message: "something went wrong, please retry later" }, 500);
    }
  }

  return { fetch: handle };
}
