import { fail, ok } from "../http/router.js";
import { renderLabel, SUPPORTED_DPI } from "../printing/zpl.js";

/** @param {ReturnType<typeof import('../http/router.js').createRouter>} router @param {import('../domain/warehouse.js').Warehouse} wh */
export function binRoutes(router, wh) {
  router.on("GET", "/skus/:sku", ({ params }) => {
    const slot = wh.slots.find((s) => s.sku === params.sku);
    if (!slot) return fail(404, `unknown sku ${params.sku}`);
    return ok({ slot: { ...slot, free: slot.onHand - slot.reserved } });
  });

  router.on("GET", "/bins/:bin/label", ({ params, query }) => {
    const slot = wh.slots.find((s) => s.bin === params.bin);
    if (!slot) return fail(404, `no slot at bin ${params.bin}`);
    const dpi = Number(query.get("dpi") ?? 203);
    if (!SUPPORTED_DPI.includes(dpi)) return fail(400, `dpi must be one of ${SUPPORTED_DPI.join(", ")}`);
    return ok({ format: "zpl", label: renderLabel(slot, { dpi }) });
  });
}
