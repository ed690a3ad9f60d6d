import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setup } from "./helpers.ts";

const ids = async (response: Response) => {
  assert.equal(response.status, 200);
  return (await response.json()).messages.map((m: { id: string }) => m.id);
};

describe("searching for text with punctuation", () => {
  it("finds messages containing exactly what was typed", async () => {
    const { app, errors } = setup();
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_backend/messages?q=${encodeURIComponent("c++")}`)), ["m_00001"]);
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_backend/messages?q=${encodeURIComponent("(urgent")}`)), ["m_00002"]);
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_general/messages?q=${encodeURIComponent("[poll")}`)), ["m_00004"]);
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_design/messages?q=${encodeURIComponent("*v2*")}`)), ["m_00005"]);
    assert.deepEqual(errors, []);
  });

  it("treats punctuation literally, not as a pattern", async () => {
    const { app } = setup();
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_backend/messages?q=${encodeURIComponent("?")}`)), []);
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_backend/messages?q=${encodeURIComponent("i.dexer")}`)), []);
    assert.deepEqual(await ids(await app.request(`/api/rooms/r_general/messages?q=${encodeURIComponent("[poll]")}`)), ["m_00004"]);
  });

  it("still matches plain words regardless of case", async () => {
    const { app } = setup();
    assert.deepEqual(await ids(await app.request("/api/rooms/r_backend/messages?q=Queue")), ["m_00002"]);
  });
});
