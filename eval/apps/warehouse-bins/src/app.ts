import Koa from "koa";
import bodyParser from "koa-bodyparser";
import { createInventory, type Inventory } from "./inventory.ts";
import { binRoutes } from "./routes/bins.ts";
import { picklistRoutes } from "./routes/picklists.ts";
import { receiptRoutes } from "./routes/receipts.ts";

export function createApp({ inventory = createInventory(), onError }: { inventory?: Inventory; onError?: (error: Error) => void } = {}) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error: any) {
      ctx.status = error.status ?? 500;
      ctx.body = { message: error.expose ? error.message : "internal error" };
      if (ctx.status >= 500) ctx.app.emit("error", error, ctx);
    }
  });
  app.use(bodyParser());
  for (const router of [binRoutes(inventory), receiptRoutes(inventory), picklistRoutes(inventory)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.on("error", onError ?? ((error) => console.error(error)));
  return app;
}
