import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { renderLabel } from "../src/printing/zpl.js";
import { startApp } from "./helpers.js";

describe("labels", () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(() => app.close());

  it("prints a bin label in ZPL", async () => {
    const res = await app.call("GET", "/bins/B07-03-2/label");
    assert.equal(res.status, 200);
    assert.match(res.body.label, /^\^XA\n\^FO30,30\^A0N,50,50\^FDTLB-20117\^FS\n/);
    assert.match(res.body.label, /\^FDBIN B07-03-2\^FS/);
  });

  it("scales for 300 dpi printers and refuses others", async () => {
    assert.match((await app.call("GET", "/bins/B07-03-2/label?dpi=300")).body.label, /\^FO45,45\^A0N,75,75/);
    assert.equal((await app.call("GET", "/bins/B07-03-2/label?dpi=600")).status, 400);
  });

  it("refuses wave labels before anything is picked", async () => {
    assert.equal((await app.call("GET", "/waves/W-2611-03/labels")).status, 409);
  });

  it("adds the quantity to carton labels", () => {
    assert.match(renderLabel({ sku: "TLB-10442", bin: "A02-01-1", qty: 3 }), /\^FDx3\^FS/);
  });
});
