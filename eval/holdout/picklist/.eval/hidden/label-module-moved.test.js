import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { startApp } from "./helpers.js";

describe("wave labels for the dock printers", () => {
  let app;
  beforeEach(async () => {
    app = await startApp();
    await app.call("POST", "/waves/W-2611-02/picks", { picker: "p-04", lines: [{ sku: "TLB-20117", qty: 5 }, { sku: "TLB-40990", qty: 1 }, { sku: "TLB-10451", qty: 2 }] });
  });
  afterEach(() => app.close());

  it("prints one ZPL carton label per line actually picked", async () => {
    const res = await app.call("GET", "/waves/W-2611-02/labels");
    assert.equal(res.status, 200);
    assert.equal(res.body.format, "zpl");
    assert.equal(res.body.labels.length, 2);
    const [drillBits, gloves] = res.body.labels;
    assert.match(drillBits, /^\^XA\n/);
    assert.match(drillBits, /\^FDTLB-10451\^FS/);
    assert.match(drillBits, /\^FDBIN A02-04-3\^FS/);
    assert.match(drillBits, /\^FDx2\^FS\n\^XZ$/);
    assert.match(gloves, /\^FDx5\^FS/);
    assert.deepEqual(app.errors, []);
  });

  it("scales for 300 dpi printers", async () => {
    const res = await app.call("GET", "/waves/W-2611-02/labels?dpi=300");
    assert.match(res.body.labels[0], /\^FO45,45\^A0N,75,75/);
  });
});
