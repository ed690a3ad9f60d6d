import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setup } from "./helpers.ts";

describe("room messages", () => {
  it("posts a message and lists it", async () => {
    const { app, post } = setup();
    const res = await post("/api/rooms/r_design/messages", { author: "Ines", text: "  Reviewed the icons, all good  " });
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.equal(created.author, "ines");
    assert.equal(created.text, "Reviewed the icons, all good");
    assert.deepEqual(created.mentions, []);

    const list = await (await app.request("/api/rooms/r_design/messages")).json();
    assert.deepEqual(list.messages.map((m: { id: string }) => m.id), ["m_00005", created.id]);
  });

  it("refuses strangers, archived rooms and empty messages", async () => {
    const { post } = setup();
    assert.equal((await post("/api/rooms/r_design/messages", { author: "kofi", text: "hi" })).status, 403);
    assert.equal((await post("/api/rooms/r_launch/messages", { author: "maya", text: "hi" })).status, 409);
    const empty = await post("/api/rooms/r_design/messages", { author: "jon", text: "   " });
    assert.equal(empty.status, 400);
    assert.deepEqual(await empty.json(), { error: "text is required" });
  });

  it("counts replies and answers 404 for unknown rooms", async () => {
    const { app } = setup();
    const list = await (await app.request("/api/rooms/r_backend/messages")).json();
    assert.deepEqual(list.messages.map((m: { replies: number }) => m.replies), [0, 1]);
    assert.equal((await app.request("/api/rooms/r_nope/messages")).status, 404);
  });

  it("searches by word, case-insensitively", async () => {
    const { app } = setup();
    const found = await (await app.request("/api/rooms/r_backend/messages?q=QUEUE")).json();
    assert.deepEqual(found.messages.map((m: { id: string }) => m.id), ["m_00002"]);
    const byAuthor = await (await app.request("/api/rooms/r_backend/messages?q=kofi")).json();
    assert.deepEqual(byAuthor.messages.map((m: { id: string }) => m.id), ["m_00001"]);
  });
});
