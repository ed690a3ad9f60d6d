import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startApp } from "./helpers.js";

describe("picking", () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  it("reserves stock and sorts the pick list along the walking path", async () => {
    const res = await app.call("POST", "/waves/W-2611-01/picks", { picker: "p-17", lines: [{ sku: "TLB-31002", qty: 2 }, { sku: "TLB-10451", qty: 1 }, { sku: "TLB-55018", qty: 3 }] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.pickList.map((pick) => pick.bin), ["A02-04-3", "A10-02-4", "B11-02-1"]);
    assert.equal(res.body.short, 0);
    const cord = await app.call("GET", "/skus/TLB-31002");
    assert.equal(cord.body.slot.reserved, 12);
  });

  it("picks short when a bin runs low", async () => {
    const res = await app.call("POST", "/waves/W-2611-02/picks", { picker: "p-04", lines: [{ sku: "TLB-20118", qty: 10 }, { sku: "TLB-40990", qty: 1 }] });
    assert.deepEqual(res.body.pickList.map(({ sku, qty, short }) => ({ sku, qty, short })), [
      { sku: "TLB-20118", qty: 6, short: 4 },
      { sku: "TLB-40990", qty: 0, short: 1 },
    ]);
    assert.equal(res.body.short, 2);
  });

  it("validates the lines", async () => {
    assert.equal((await app.call("POST", "/waves/W-2611-01/picks", { lines: [] })).status, 400);
    assert.equal((await app.call("POST", "/waves/W-2611-01/picks", { lines: [{ sku: "TLB-10442", qty: 1.5 }] })).status, 400);
    assert.deepEqual((await app.call("POST", "/waves/W-2610-09/picks", { lines: [{ sku: "TLB-10442", qty: 1 }] })).body, { ok: false, error: "wave W-2610-09 is closed" });
    assert.equal((await app.call("POST", "/waves/W-9999-01/picks", { lines: [{ sku: "TLB-10442", qty: 1 }] })).status, 404);
  });

  it("answers 404 for an unknown sku and 405 for a wrong method", async () => {
    assert.deepEqual(await app.call("GET", "/skus/TLB-00000"), { status: 404, body: { ok: false, error: "unknown sku TLB-00000" } });
    assert.equal((await app.call("DELETE", "/skus/TLB-10442")).status, 405);
  });
});
