import { describe, expect, it } from "vitest";
import { testApp } from "./setup.ts";

// Tickets migrated from the old desk have no watchers field.
describe("commenting on a migrated ticket", () => {
  it("stores the comment and notifies the requester", async () => {
    const { app, store, outbox } = await testApp();
    const response = await app.inject({
      method: "POST",
      url: "/tickets/31077/comments",
      payload: { author: "agent.mira", body: "The second licence is active now." },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().notified).toBe(1);
    expect(store.get(31077)?.comments.map((c) => c.body)).toEqual(["The second licence is active now."]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].to).toEqual(["admin@baeckerei-lutz.de"]);
  });

  it("accepts an internal note without notifying anyone", async () => {
    const { app, store, outbox } = await testApp();
    const response = await app.inject({
      method: "POST",
      url: "/tickets/31102/comments",
      payload: { author: "agent.jo", body: "Looks like the IdP metadata expired.", public: false },
    });
    expect(response.statusCode).toBe(201);
    expect(store.get(31102)?.comments).toHaveLength(1);
    expect(outbox).toHaveLength(0);
  });
});
