import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { warehouse } from "./helpers.ts";

// DockScan 5.0 lets the dock key in a SKU when a carton's label is torn; such lines have no barcode.
describe("a receipt line keyed by SKU", () => {
  let wh: Awaited<ReturnType<typeof warehouse>>;
  before(async () => {
    wh = await warehouse();
  });
  after(() => wh.close());

  it("is booked into its bin like a scanned one", async () => {
    const res = await wh.send("POST", "/receipts", {
      supplier: "Würth Oy",
      lines: [
        { sku: "HX-2212", qty: 5, bin: "A-01-2" },
        { barcode: "6414500810017", qty: 5, bin: "A-02-1" },
      ],
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.booked, [
      { sku: "HX-2212", bin: "A-01-2", qty: 5, nowInBin: 23 },
      { sku: "WS-0810", bin: "A-02-1", qty: 5, nowInBin: 80 },
    ]);
    assert.equal(wh.inventory.stock("A-01-2", "HX-2212"), 23);
    assert.deepEqual(wh.errors, []);
  });

  it("refuses a line with neither barcode nor SKU as a client error", async () => {
    const res = await wh.send("POST", "/receipts", { supplier: "Bossard", lines: [{ qty: 2, bin: "A-01-1" }] });
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    assert.equal(typeof res.body.message, "string");
  });
});
