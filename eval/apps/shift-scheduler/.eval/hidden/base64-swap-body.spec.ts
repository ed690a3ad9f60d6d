import assert from "node:assert/strict";
import { createSwapHandler } from "../src/handlers/swap";
import { reportTo } from "../src/lib/report";
import { seedDb } from "../src/lib/roster";
import { apiEvent } from "./events";

// With binary media types on the API, API Gateway delivers JSON bodies base64-encoded.
describe("a shift swap whose body arrives base64-encoded", () => {
  it("is accepted like a plain JSON body", async () => {
    const reported: unknown[] = [];
    reportTo((error) => reported.push(error));
    const db = seedDb();
    const event = apiEvent("POST", "/shifts/sh-9010/swap", { shiftId: "sh-9010" }, undefined, "e-201");
    event.body = Buffer.from(JSON.stringify({ withEmployeeId: "e-202", reason: "exam" })).toString("base64");
    event.isBase64Encoded = true;
    const res = await createSwapHandler(db)(event);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { shiftId: "sh-9010", offeredTo: "e-202", status: "pending approval" });
    assert.deepEqual(db.swaps, [{ shiftId: "sh-9010", from: "e-201", to: "e-202", reason: "exam", approved: false }]);
    assert.deepEqual(reported, []);
  });

  it("still accepts plain bodies", async () => {
    const db = seedDb();
    const res = await createSwapHandler(db)(apiEvent("POST", "/shifts/sh-9010/swap", { shiftId: "sh-9010" }, { withEmployeeId: "e-202" }, "e-201"));
    assert.equal(res.statusCode, 200);
  });
});
