import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NEW_SHIPMENT, testApp } from "./helpers.ts";

describe("an upload that is not valid JSON", () => {
  for (const [label, body] of [
    ["a trailing comma", JSON.stringify(NEW_SHIPMENT).replace(/}$/, ",}")],
    ["single quotes", JSON.stringify(NEW_SHIPMENT).replace(/"/g, "'")],
    ["a truncated body", JSON.stringify(NEW_SHIPMENT).slice(0, 40)],
  ]) {
    it(`is refused with a client error for ${label}`, async () => {
      const { call, store, captured } = testApp();
      const res = await call("/v1/shipments", { method: "POST", body });
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      const answer = await res.json();
      assert.equal(typeof answer.error, "string");
      assert.equal(store.forShop("shop-radhaus").length, 2);
      assert.deepEqual(captured, []);
    });
  }

  it("leaves valid uploads working", async () => {
    const { call } = testApp();
    const res = await call("/v1/shipments", { method: "POST", body: JSON.stringify(NEW_SHIPMENT) });
    assert.equal(res.status, 201);
  });
});
