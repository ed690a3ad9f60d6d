import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { normalizeBarcode } from "../src/lib/barcodes.ts";
import { warehouse } from "./helpers.ts";

describe("barcodes", () => {
  it("pads EAN-13 to GTIN-14 and trims scanner noise", () => {
    assert.equal(normalizeBarcode(" 6414502210014\n"), "06414502210014");
    assert.equal(normalizeBarcode("064 1450 2210 014"), "06414502210014");
  });
});

describe("receipts", () => {
  let wh: Awaited<ReturnType<typeof warehouse>>;
  before(async () => {
    wh = await warehouse();
  });
  after(() => wh.close());

  it("books scanned cartons into bins", async () => {
    const res = await wh.send("POST", "/receipts", { supplier: "Würth", lines: [{ barcode: "6414502210014", qty: 10, bin: "A-01-1" }] });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body.booked, [{ sku: "HX-2210", bin: "A-01-1", qty: 10, nowInBin: 50 }]);
  });

  it("rejects an unknown bin", async () => {
    const res = await wh.send("POST", "/receipts", { supplier: "Würth", lines: [{ barcode: "6414500810017", qty: 1, bin: "Z-99" }] });
    assert.equal(res.status, 422);
    assert.equal(res.body.message, "unknown bin Z-99");
  });

  it("requires lines", async () => {
    assert.equal((await wh.send("POST", "/receipts", { supplier: "Würth" })).status, 400);
  });
});

describe("pick lists and bins", () => {
  let wh: Awaited<ReturnType<typeof warehouse>>;
  before(async () => {
    wh = await warehouse();
  });
  after(() => wh.close());

  it("orders stops by bin and accepts SKUs or barcodes", async () => {
    const res = await wh.send("POST", "/picklists", { order: "SO-88120", lines: [{ sku: "DR-5500", qty: 1 }, { barcode: "6414500810017", qty: 20 }] });
    assert.deepEqual(res.body.stops, [
      { bin: "A-02-1", sku: "WS-0810", qty: 20 },
      { bin: "C-11-2", sku: "DR-5500", qty: 1 },
    ]);
  });

  it("reports a shortage", async () => {
    assert.equal((await wh.send("POST", "/picklists", { order: "SO-1", lines: [{ sku: "DR-5500", qty: 50 }] })).status, 409);
  });

  it("shows a bin", async () => {
    const res = await wh.send("GET", "/bins/B-07-3");
    assert.deepEqual(res.body, { bin: "B-07-3", contents: [{ sku: "AN-1160", qty: 32 }] });
  });
});
