import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { seedDb } from "../src/db.ts";

describe("the feed while an episode is still processing", () => {
  it("serves the published episodes and nothing half-made", async () => {
    const db = seedDb();
    db.episodes.push({ id: "ep_1044", showSlug: "night-shift", title: "Ferry crossings", number: 43, status: "processing", publishedAt: "2026-11-12T19:04:00Z" });
    const res = await createApp({ db }).request("/shows/night-shift/feed.json");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/undefined|NaN/);
    const feed = JSON.parse(text);
    const published = feed.items.filter((item: { id: string }) => item.id !== "ep_1044");
    expect(published.map((item: { id: string }) => item.id)).toEqual(["ep_1041", "ep_1039"]);
    expect(published[0].attachments[0].size).toBe("53.0 MB");
    const draft = feed.items.find((item: { id: string }) => item.id === "ep_1044");
    if (draft) expect(draft.attachments?.[0]?.size ?? null).toBeNull();
  });
});
