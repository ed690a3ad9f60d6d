import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { startApp } from "./helpers.js";

describe("a pick line with a SKU the location master does not know", () => {
  let app;
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(() => app.close());

  it("refuses the submission as a client error and reserves nothing", async () => {
    const res = await app.call("POST", "/waves/W-2611-01/picks", {
      picker: "p-17",
      lines: [{ sku: "TLB-10442", qty: 2 }, { sku: "8712345678906", qty: 1 }, { sku: "TLB-55018", qty: 1 }],
    });
    assert.ok([400, 404, 409, 422].includes(res.status), `expected a client error, got ${res.status}`);
    assert.equal(res.body.ok, false);
    assert.equal(typeof res.body.error, "string");
    assert.deepEqual(app.errors, []);

    assert.equal((await app.call("GET", "/skus/TLB-10442")).body.slot.reserved, 4);
    assert.equal((await app.call("GET", "/skus/TLB-55018")).body.slot.reserved, 30);
    assert.deepEqual((await app.call("GET", "/waves/W-2611-01")).body.wave.picks, []);
  });

  it("keeps accepting lines it knows", async () => {
    const res = await app.call("POST", "/waves/W-2611-01/picks", { picker: "p-17", lines: [{ sku: "TLB-10442", qty: 2 }] });
    assert.equal(res.status, 200);
    assert.equal(res.body.pickList[0].bin, "A02-01-1");
  });
});
