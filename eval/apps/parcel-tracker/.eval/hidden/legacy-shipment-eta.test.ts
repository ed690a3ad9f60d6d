import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { testApp } from "./helpers.ts";

// Shipments imported from the 2024 system have a legacy postcode but no destination address.
describe("the ETA of a legacy shipment", () => {
  for (const [id, key] of [["KF3901544", "key-radhaus"], ["KF3901617", "key-kontor"]]) {
    it(`answers without a server error for ${id}`, async () => {
      const { call, captured } = testApp();
      const res = await call(`/v1/shipments/${id}/eta`, {}, key);
      const text = await res.text();
      assert.notEqual(res.status, 500);
      assert.doesNotMatch(text, /undefined|NaN/);
      const body = JSON.parse(text);
      if (res.status === 200) {
        assert.equal(body.id, id);
        assert.ok(body.eta === null || !Number.isNaN(Date.parse(body.eta)), `eta ${body.eta}`);
      } else {
        assert.ok(res.status >= 400 && res.status < 500);
        assert.equal(typeof body.error, "string");
      }
      assert.deepEqual(captured, []);
    });
  }

  it("still estimates shipments with an address", async () => {
    const { call } = testApp();
    const body = await (await call("/v1/shipments/KF4188190/eta", {}, "key-kontor")).json();
    assert.deepEqual(body, { id: "KF4188190", destination: "Wien", eta: "2026-11-19T18:00:00.000Z" });
  });
});
