import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractMentions, notifiable, preview, readDraft } from "../src/text/index.ts";

describe("text helpers", () => {
  it("finds each mention once, ignoring e-mail addresses", () => {
    assert.deepEqual(extractMentions("@maya and @Maya, mail ops@example.com (@jon)"), ["maya", "jon"]);
  });

  it("notifies members other than the author", () => {
    assert.deepEqual(notifiable(["maya", "jon", "zed"], ["maya", "jon"], "jon"), ["maya"]);
  });

  it("cuts long previews", () => {
    assert.equal(preview("x".repeat(100)).length, 80);
  });

  it("reads drafts", () => {
    assert.deepEqual(readDraft({ author: "Sam", text: " hi " }), { author: "sam", text: "hi" });
    assert.equal(readDraft([]), "author is required");
  });
});
