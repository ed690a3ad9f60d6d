import assert from "node:assert/strict";
import { createAvailabilityHandler } from "../src/handlers/availability";
import { createSwapHandler } from "../src/handlers/swap";
import { createPublishRosters } from "../src/jobs/publish-rosters";
import { reportTo } from "../src/lib/report";
import { seedDb } from "../src/lib/roster";
import { outbox } from "../src/notify/email";
import { sendSms } from "../src/notify/text-message";
import { apiEvent } from "./events";

describe("shift swaps", () => {
  it("offers a shift to a teammate", async () => {
    const db = seedDb();
    const res = await createSwapHandler(db)(apiEvent("POST", "/shifts/sh-9001/swap", { shiftId: "sh-9001" }, { withEmployeeId: "e-102", reason: "dentist" }, "e-101"));
    assert.equal(res.statusCode, 200);
    assert.deepEqual(db.swaps, [{ shiftId: "sh-9001", from: "e-101", to: "e-102", reason: "dentist", approved: false }]);
  });

  it("refuses someone else's shift and colleagues from other teams", async () => {
    const db = seedDb();
    const swap = createSwapHandler(db);
    assert.equal((await swap(apiEvent("POST", "/shifts/sh-9001/swap", { shiftId: "sh-9001" }, { withEmployeeId: "e-102" }, "e-102"))).statusCode, 403);
    assert.equal((await swap(apiEvent("POST", "/shifts/sh-9001/swap", { shiftId: "sh-9001" }, { withEmployeeId: "e-301" }, "e-101"))).statusCode, 422);
  });
});

describe("availability", () => {
  it("stores unavailable days, also from base64 bodies", async () => {
    const store = new Map<string, string[]>();
    const handler = createAvailabilityHandler(seedDb(), store);
    const event = apiEvent("PUT", "/employees/e-201/availability", { employeeId: "e-201" }, undefined);
    event.body = Buffer.from(JSON.stringify({ unavailable: ["2026-12-24"] })).toString("base64");
    event.isBase64Encoded = true;
    assert.equal((await handler(event)).statusCode, 200);
    assert.deepEqual(store.get("e-201"), ["2026-12-24"]);
  });
});

describe("roster publishing", () => {
  beforeEach(() => {
    outbox.sent.length = 0;
    reportTo(() => {});
  });

  it("emails teams that use email", async () => {
    const db = seedDb();
    db.teams = db.teams.filter((t) => t.channel === "email");
    const results = await createPublishRosters(db)({ id: "ev-1", "detail-type": "Scheduled Event", source: "aws.scheduler", time: "2026-11-27T12:00:00Z", detail: {} });
    assert.deepEqual(results, [{ teamId: "t-osl-day", notified: 2 }, { teamId: "t-trd-office", notified: 1 }]);
    assert.match(outbox.sent[0].text, /your shifts 11-30 06:00 \(UTC\)/);
  });

  it("cuts long text messages", () => {
    sendSms("+4790000000", "x".repeat(200));
    assert.equal(outbox.sent[0].text.length, 160);
  });
});
