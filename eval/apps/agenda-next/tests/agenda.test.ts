import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { GET as list } from "../app/api/sessions/route.ts";
import { GET as show, PATCH as reschedule } from "../app/api/sessions/[id]/route.ts";
import { GET as speaker } from "../app/api/speakers/[slug]/route.ts";
import { agenda, createAgenda } from "../lib/agenda.ts";

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const patch = (id: string, body: unknown) =>
  reschedule(new Request(`https://agenda.nodeconf.dk/api/sessions/${id}`, { method: "PATCH", body: JSON.stringify(body) }), ctx(id));

beforeEach(() => {
  agenda.sessions.splice(0, agenda.sessions.length, ...createAgenda().sessions);
});

describe("sessions", () => {
  it("lists a day's main track in order with local labels", async () => {
    const body = await (await list(new Request("https://agenda.nodeconf.dk/api/sessions?day=2026-11-26&track=main"))).json();
    assert.deepEqual(body.sessions.map((s: { id: string; label: string }) => [s.id, s.label]), [["s-101", "Thu 10:30"], ["s-102", "Thu 11:20"]]);
  });

  it("answers 404 for an unknown session", async () => {
    assert.equal((await show(new Request("https://agenda.nodeconf.dk/api/sessions/s-9"), ctx("s-9"))).status, 404);
  });
});

describe("rescheduling", () => {
  it("moves a session to a new local time and room", async () => {
    const res = await patch("s-104", { date: "2026-11-27", time: "16:15", room: "Harbour Hall" });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.session.startsAt, "2026-11-27T15:15:00.000Z");
    assert.equal(body.session.label, "Fri 16:15");
  });

  it("refuses a clash in the same room", async () => {
    const res = await patch("s-104", { date: "2026-11-27", time: "15:10", room: "Harbour Hall" });
    assert.equal(res.status, 409);
    assert.deepEqual(await res.json(), { error: 'Clashes with "Shipping single executables" in Harbour Hall' });
  });

  it("requires date and time", async () => {
    assert.equal((await patch("s-104", { date: "2026-11-27" })).status, 400);
  });
});

describe("speakers", () => {
  it("lists a speaker's sessions", async () => {
    const body = await (await speaker(new Request("https://agenda.nodeconf.dk/api/speakers/ingrid-dahl"), { params: Promise.resolve({ slug: "ingrid-dahl" }) })).json();
    assert.deepEqual(body.sessions.map((s: { id: string }) => s.id), ["s-102", "s-201"]);
  });
});
