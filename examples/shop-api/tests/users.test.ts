import { test } from "node:test";
import assert from "node:assert/strict";
import { call, makeApp } from "./fixture.ts";

test("lists users without their email addresses", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/users");
  assert.equal(response.status, 200);
  assert.equal(response.body.users.length, 8);
  assert.equal(response.body.users[0].email, undefined);
});

test("finds a user by email, case-insensitively", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/users?email=Grace@Example.com");
  assert.deepEqual(
    response.body.users.map((user: { id: string }) => user.id),
    ["1002"],
  );
});

test("shows a profile with a masked email", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/users/1001");
  assert.equal(response.status, 200);
  assert.equal(response.body.name, "Ada Byron");
  assert.equal(response.body.email, "a***@example.com");
});

test("lists a user's orders", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/users/1001/orders");
  assert.equal(response.status, 200);
  assert.deepEqual(
    response.body.orders.map((order: { id: string }) => order.id),
    ["70001"],
  );
});

test("answers 404 for the orders of an unknown user", async () => {
  const { app } = makeApp();
  const response = await call(app, "GET", "/users/424242/orders");
  assert.equal(response.status, 404);
  assert.equal(response.body.error, "not_found");
});

test("answers 404 for an unknown route", async () => {
  const { app } = makeApp();
  const response = await call(app, "DELETE", "/users/1001");
  assert.equal(response.status, 404);
});
