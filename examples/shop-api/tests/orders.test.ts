import { test } from "node:test";
import assert from "node:assert/strict";
import { call, makeApp } from "./fixture.ts";

test("places an order at sale prices and reserves stock", async () => {
  const { app, db } = makeApp();
  const response = await call(app, "POST", "/orders", {
    userId: "1002",
    body: { items: [{ productId: "503", quantity: 2 }, { productId: "504" }] },
  });
  assert.equal(response.status, 201);
  assert.equal(response.body.totalCents, 4500 * 2 + 2400);
  assert.equal(response.body.total, "€114.00");
  assert.equal(response.headers.get("location"), `/orders/${response.body.id}`);
  assert.equal(db.products.get("503")?.stock, 50);
});

test("requires a signed-in user to order", async () => {
  const { app } = makeApp();
  const response = await call(app, "POST", "/orders", { body: { items: [{ productId: "503" }] } });
  assert.equal(response.status, 401);
});

test("rejects an order without items", async () => {
  const { app } = makeApp();
  const response = await call(app, "POST", "/orders", { userId: "1002", body: { items: [] } });
  assert.equal(response.status, 422);
});

test("rejects an unknown product", async () => {
  const { app } = makeApp();
  const response = await call(app, "POST", "/orders", { userId: "1002", body: { items: [{ productId: "999" }] } });
  assert.equal(response.status, 422);
  assert.equal(response.body.message, "unknown product 999");
});

test("answers 409 with the sold-out products", async () => {
  const { app } = makeApp();
  const response = await call(app, "POST", "/orders", {
    userId: "1003",
    body: { items: [{ productId: "507" }, { productId: "503" }] },
  });
  assert.equal(response.status, 409);
  assert.deepEqual(response.body.productIds, ["507"]);
});

test("shows an order only to its owner", async () => {
  const { app } = makeApp();
  assert.equal((await call(app, "GET", "/orders/70001", { userId: "1001" })).status, 200);
  assert.equal((await call(app, "GET", "/orders/70001", { userId: "1002" })).status, 404);
});

test("cancelling an order puts its stock back", async () => {
  const { app, db } = makeApp();
  const placed = await call(app, "POST", "/orders", { userId: "1005", body: { items: [{ productId: "505", quantity: 2 }] } });
  assert.equal(db.products.get("505")?.stock, 4);
  const cancelled = await call(app, "POST", `/orders/${placed.body.id}/cancel`, { userId: "1005" });
  assert.equal(cancelled.status, 200);
  assert.equal(cancelled.body.status, "cancelled");
  assert.equal(db.products.get("505")?.stock, 6);
  const again = await call(app, "POST", `/orders/${placed.body.id}/cancel`, { userId: "1005" });
  assert.equal(again.status, 409);
});
