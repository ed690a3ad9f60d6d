import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setup } from "./helpers.ts";

describe("threads", () => {
  it("notifies the thread starter and mentioned members", async () => {
    const { app, post, store } = setup();
    const res = await post("/api/messages/m_00002/replies", { author: "kofi", text: "@Li.Wei @sam fixed, lag is back to normal. cc @nobody" });
    assert.equal(res.status, 201);
    const reply = await res.json();
    assert.deepEqual(reply.mentions, ["li.wei", "sam", "nobody"]);
    assert.deepEqual(store.outbox().map((n) => n.to).sort(), ["li.wei", "maya", "sam"]);

    const thread = await (await app.request("/api/messages/m_00002/replies")).json();
    assert.equal(thread.replies.length, 2);
  });

  it("answers 404 for a reply to a message that does not exist", async () => {
    const { post } = setup();
    assert.equal((await post("/api/messages/m_09999/replies", { author: "kofi", text: "?" })).status, 404);
  });
});
