import assert from "node:assert/strict";
import { gateway } from "./support.ts";

describe("a batch posted without the key header", () => {
  it("is refused with 401 in the gateway's error shape", async () => {
    const gw = await gateway();
    try {
      const res = await gw.send("POST", "/v1/points", { body: { points: [{ name: "page_load_ms", value: 300 }] } });
      assert.equal(res.status, 401);
      assert.equal(res.body.ok, false);
      assert.equal(typeof res.body.error, "string");
      assert.deepEqual(gw.captured, []);
      assert.deepEqual(gw.rollups.query("prj_acme", "page_load_ms"), []);
    } finally {
      await gw.close();
    }
  });

  it("is refused the same way with a key that has no secret part", async () => {
    const gw = await gateway();
    try {
      const res = await gw.send("POST", "/v1/points", { key: "prj_acme", body: { points: [] } });
      assert.equal(res.status, 401);
      assert.deepEqual(gw.captured, []);
    } finally {
      await gw.close();
    }
  });
});
