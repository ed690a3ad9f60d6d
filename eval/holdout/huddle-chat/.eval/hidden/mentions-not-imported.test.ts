import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setup } from "./helpers.ts";

describe("mentions in a new top-level message", () => {
  it("records who was mentioned and notifies the members among them", async () => {
    const { post, store, errors } = setup();
    const res = await post("/api/rooms/r_backend/messages", { author: "sam", text: "@maya can you look at @Kofi's PR? thanks @sam, cc @ines" });
    assert.equal(res.status, 201);
    const message = await res.json();
    assert.deepEqual(message.mentions, ["maya", "kofi", "sam", "ines"]);
    // ines is not in #backend and sam wrote it: only maya and kofi hear about it.
    assert.deepEqual(
      store.outbox().filter((n) => n.messageId === message.id).map((n) => n.to).sort(),
      ["kofi", "maya"],
    );
    assert.deepEqual(errors, []);
  });

  it("keeps messages without mentions as they were", async () => {
    const { post, store } = setup();
    const res = await post("/api/rooms/r_general/messages", { author: "jon", text: "mail me at jon@example.com" });
    assert.equal(res.status, 201);
    assert.deepEqual((await res.json()).mentions, []);
    assert.equal(store.outbox().length, 0);
  });
});
