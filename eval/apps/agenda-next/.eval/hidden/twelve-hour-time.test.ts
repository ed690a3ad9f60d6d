import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { PATCH as reschedule } from "../app/api/sessions/[id]/route.ts";
import { agenda, createAgenda } from "../lib/agenda.ts";

const patch = (id: string, body: unknown) =>
  reschedule(new Request(`https://agenda.nodeconf.dk/api/sessions/${id}`, { method: "PATCH", body: JSON.stringify(body) }), { params: Promise.resolve({ id }) });

beforeEach(() => {
  agenda.sessions.splice(0, agenda.sessions.length, ...createAgenda().sessions);
});

// Portal 2.0 sends "h:mm AM/PM" for en-US speakers. Understanding it is fine; refusing it with a
// clear 400 is fine too; a server error or a silently ignored move is not.
describe("rescheduling with a 12-hour time", () => {
  for (const [time, expected] of [["1:30 PM", "2026-11-27T12:30:00.000Z"], ["4 PM", "2026-11-27T15:00:00.000Z"]]) {
    it(`handles "${time}"`, async () => {
      const before = agenda.get("s-202")!.startsAt;
      const res = await patch("s-202", { date: "2026-11-27", time });
      assert.notEqual(res.status, 500);
      const body = await res.json();
      if (res.status === 200) {
        assert.equal(body.session.startsAt, expected);
        assert.equal(agenda.get("s-202")!.startsAt, expected);
      } else {
        assert.equal(res.status, 400);
        assert.equal(typeof body.error, "string");
        assert.equal(agenda.get("s-202")!.startsAt, before);
      }
    });
  }

  it("still moves sessions given a 24-hour time", async () => {
    const res = await patch("s-202", { date: "2026-11-27", time: "10:00" });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).session.startsAt, "2026-11-27T09:00:00.000Z");
  });
});
