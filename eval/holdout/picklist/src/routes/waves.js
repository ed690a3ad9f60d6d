import { byBin } from "../domain/warehouse.js";
import { fail, ok } from "../http/router.js";

/** @param {ReturnType<typeof import('../http/router.js').createRouter>} router @param {import('../domain/warehouse.js').Warehouse} wh */
export function waveRoutes(router, wh) {
  router.on("GET", "/waves/:waveId", ({ params }) => {
    const wave = wh.waves.get(params.waveId);
    if (!wave) return fail(404, `unknown wave ${params.waveId}`);
    return ok({ wave });
  });

  router.on("POST", "/waves/:waveId/picks", ({ params, body }) => {
    const wave = wh.waves.get(params.waveId);
    if (!wave) return fail(404, `unknown wave ${params.waveId}`);
    if (wave.status !== "open") return fail(409, `wave ${wave.id} is ${wave.status}`);
    const lines = body?.lines;
    if (!Array.isArray(lines) || lines.length === 0) return fail(400, "lines must be a non-empty array");
    if (lines.some((line) => typeof line?.sku !== "string" || !Number.isInteger(line.qty) || line.qty <= 0)) {
      return fail(400, "every line needs a sku and a positive whole qty");
    }
    const picker = typeof body.picker === "string" ? body.picker : "unknown";

    const picks = lines
      .map((line) => {
        const slot = wh.slots.find((s) => s.sku === line.sku);
        const free = Math.max(0, slot.onHand - slot.reserved);
        const qty = Math.min(line.qty, free);
        slot.reserved += qty;
        return { sku: line.sku, bin: slot.bin, qty, short: line.qty - qty, picker };
      })
      .sort(byBin);
    wave.picks.push(...picks);
    return ok({ wave: wave.id, pickList: picks, short: picks.filter((pick) => pick.short > 0).length });
  });

  router.on("GET", "/waves/:waveId/labels", async ({ params, query }) => {
    const wave = wh.waves.get(params.waveId);
    if (!wave) return fail(404, `unknown wave ${params.waveId}`);
    if (wave.picks.length === 0) return fail(409, `nothing picked in ${wave.id} yet`);
    // The ZPL encoder is only needed by the dock printers; scanners never load it.
    const { renderLabel } = await import("./labels/zpl.js");
    const dpi = Number(query.get("dpi") ?? 203);
    return ok({ wave: wave.id, format: "zpl", labels: wave.picks.filter((pick) => pick.qty > 0).map((pick) => renderLabel(pick, { dpi })) });
  });
}
