import assert from "node:assert/strict";
import { createPublishRosters } from "../src/jobs/publish-rosters";
import { reportTo } from "../src/lib/report";
import { seedDb } from "../src/lib/roster";
import { outbox } from "../src/notify/email";

describe("publishing rosters to teams that chose SMS", () => {
  it("texts every member of the SMS teams", async () => {
    outbox.sent.length = 0;
    const reported: unknown[] = [];
    reportTo((error) => reported.push(error));
    const results = await createPublishRosters(seedDb())({ id: "ev-2", "detail-type": "Scheduled Event", source: "aws.scheduler", time: "2026-11-27T13:05:00Z", detail: {} });
    assert.deepEqual(reported, []);
    assert.deepEqual(results, [
      { teamId: "t-osl-day", notified: 2 },
      { teamId: "t-osl-night", notified: 2 },
      { teamId: "t-brg-dock", notified: 1 },
      { teamId: "t-trd-office", notified: 1 },
    ]);
    const texts = outbox.sent.filter((message) => message.channel === "sms");
    assert.deepEqual(texts.map((message) => message.to), ["+4791234601", "+4791234602", "+4791234701"]);
    assert.match(texts[0].text, /^Oslo night shift: your shifts 11-30 21:00 \(UTC\)$/);
  });
});
