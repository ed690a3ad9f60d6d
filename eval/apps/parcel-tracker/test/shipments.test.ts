import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { estimateDelivery, findLane } from "../src/lanes/lanes.ts";
import { NEW_SHIPMENT, testApp } from "./helpers.ts";

describe("shipment intake", () => {
  it("registers a shipment and books a retry only once", async () => {
    const { call } = testApp();
    const body = JSON.stringify(NEW_SHIPMENT);
    const first = await call("/v1/shipments", { method: "POST", body });
    assert.equal(first.status, 201);
    const again = await call("/v1/shipments", { method: "POST", body });
    assert.equal(again.status, 200);
    assert.equal((await again.json()).id, (await first.json()).id);
  });

  it("rejects missing fields with 422", async () => {
    const { call } = testApp();
    const res = await call("/v1/shipments", { method: "POST", body: JSON.stringify({ ...NEW_SHIPMENT, weightKg: 40, destination: undefined }) });
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), { error: "invalid fields: weightKg, destination" });
  });

  it("refuses an unknown key", async () => {
    const { call } = testApp();
    const res = await call("/v1/shipments", {}, "nope");
    assert.equal(res.status, 401);
  });
});

describe("tracking", () => {
  it("lists a shop's shipments", async () => {
    const { call } = testApp();
    const body = await (await call("/v1/shipments", {}, "key-kontor")).json();
    assert.deepEqual(body.shipments.map((s: { id: string }) => s.id), ["KF4188190", "KF3901617"]);
  });

  it("hides other shops' shipments", async () => {
    const { call } = testApp();
    assert.equal((await call("/v1/shipments/KF4188190")).status, 404);
  });

  it("estimates delivery after the cut-off", async () => {
    const { call } = testApp();
    const body = await (await call("/v1/shipments/KF4188202/eta")).json();
    assert.deepEqual(body, { id: "KF4188202", destination: "Amsterdam", eta: "2026-11-20T18:00:00.000Z" });
  });

  it("skips Sundays", () => {
    const eta = estimateDelivery(findLane("DE", "PL")!, new Date("2026-11-20T09:00:00Z"));
    assert.equal(eta.toISOString(), "2026-11-24T18:00:00.000Z");
  });

  it("has no ETA before hand-over", async () => {
    const { call } = testApp();
    const created = await (await call("/v1/shipments", { method: "POST", body: JSON.stringify(NEW_SHIPMENT) })).json();
    const body = await (await call(`/v1/shipments/${created.id}/eta`)).json();
    assert.equal(body.eta, null);
  });
});
