import Router from "@koa/router";
import type { Inventory } from "../inventory.ts";

export function binRoutes(inventory: Inventory) {
  const router = new Router({ prefix: "/bins" });

  router.get("/:code", (ctx) => {
    if (!inventory.bins.has(ctx.params.code)) ctx.throw(404, "no such bin");
    ctx.body = { bin: ctx.params.code, contents: inventory.binContents(ctx.params.code) };
  });

  return router;
}
