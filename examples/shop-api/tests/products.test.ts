import { test } from "node:test";
import assert from "node:assert/strict";
import { call, makeApp } from "./fixture.ts";

test("lists products and filters them by tag", async () => {
  const { app } = makeApp();
  const all = await call(app, "GET", "/products");
  assert.equal(all.body.products.length, 8);
  const running = await call(app, "GET", "/products?tag=running");
  assert.deepEqual(
    running.body.products.map((product: { id: string }) => product.id),
    ["501", "506", "507"],
  );
});

test("shows a product at its list price in major units", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/products/501");
  assert.equal(response.status, 200);
  assert.equal(response.body.price, 129);
  assert.equal(response.body.inStock, true);
});

test("answers 404 for an unknown product", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/products/999");
  assert.equal(response.status, 404);
  assert.equal(response.body.message, "product not found");
});

test("updates stock and normalizes tags", async () => {
  const { app, db } = makeApp();
  const response = await call(app, "PATCH", "/products/503", { body: { stock: 60, tags: [" Lights ", "Camping", ""] } });
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.tags, ["lights", "camping"]);
  assert.equal(db.products.get("503")?.stock, 60);
});

test("rejects a negative price", async () => {
  const { app, db } = makeApp();
  const response = await call(app, "PATCH", "/products/503", { body: { priceCents: -100 } });
  assert.equal(response.status, 422);
  assert.equal(db.products.get("503")?.priceCents, 4500);
});

test("answers 400 when a product patch is not JSON", async () => {
  const { app } = makeApp();
  const response = await call(app, "PATCH", "/products/503", { rawBody: "stock=3" });
  assert.equal(response.status, 400);
});

test("quotes shipping from the carrier aggregator", async () => {
  const stub: typeof fetch = async () =>
    Response.json({ quotes: [{ carrier: "DHL", priceCents: 690, etaDays: 2 }] });
  const { app } = makeApp(stub);
  const response = await call(app, "GET", "/products/503/shipping?zip=10115");
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.quotes, [{ carrier: "DHL", price: 6.9, etaDays: 2 }]);
});

test("answers 502 when the carrier aggregator fails", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/products/503/shipping?zip=10115");
  assert.equal(response.status, 502);
  assert.equal(response.body.error, "shipping_unavailable");
});

test("rejects a malformed postal code before calling the aggregator", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/products/503/shipping?zip=abc");
  assert.equal(response.status, 400);
});
