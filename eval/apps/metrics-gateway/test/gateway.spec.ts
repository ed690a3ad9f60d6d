import assert from "node:assert/strict";
import { gateway } from "./support.ts";

describe("ingest", () => {
  it("accepts a batch and drops malformed points", async () => {
    const gw = await gateway();
    try {
      const res = await gw.send("POST", "/v1/points", { key: "prj_acme.s3cr3t-acme", body: { points: [{ name: "page_load_ms", value: 812 }, { name: "page_load_ms", value: "fast" }] } });
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { ok: true, accepted: 1, dropped: 1 });
    } finally {
      await gw.close();
    }
  });

  it("rejects a wrong key", async () => {
    const gw = await gateway();
    try {
      const res = await gw.send("POST", "/v1/points", { key: "prj_acme.guess", body: { points: [] } });
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { ok: false, error: "unknown or revoked key" });
    } finally {
      await gw.close();
    }
  });

  it("answers 429 over the quota and reports it as a warning", async () => {
    const gw = await gateway();
    try {
      const points = Array.from({ length: 6 }, () => ({ name: "clicks", value: 1 }));
      const res = await gw.send("POST", "/v1/points", { key: "prj_tiny.s3cr3t-tiny", body: { points } });
      assert.equal(res.status, 429);
      assert.equal(res.headers.get("retry-after"), "30");
      assert.equal(gw.captured[0].level, "warning");
    } finally {
      await gw.close();
    }
  });
});

describe("rollups", () => {
  it("sums per minute", async () => {
    const gw = await gateway();
    try {
      await gw.send("POST", "/v1/points", { key: "prj_acme.s3cr3t-acme", body: { points: [{ name: "checkout", value: 2 }, { name: "checkout", value: 5 }] } });
      const res = await gw.send("GET", "/v1/rollups?metric=checkout", { key: "prj_acme.s3cr3t-acme" });
      assert.deepEqual(res.body.rollups, [{ minute: "2026-11-23T12:00:00.000Z", sum: 7, count: 2, min: 2, max: 5 }]);
    } finally {
      await gw.close();
    }
  });

  it("needs a key", async () => {
    const gw = await gateway();
    try {
      assert.equal((await gw.send("GET", "/v1/rollups?metric=checkout")).status, 401);
    } finally {
      await gw.close();
    }
  });
});
