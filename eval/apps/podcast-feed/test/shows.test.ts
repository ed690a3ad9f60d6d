import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";

describe("shows", () => {
  it("shows a show with its published episode count", async () => {
    const res = await createApp().request("/shows/tidewater");
    expect(await res.json()).toEqual({ slug: "tidewater", title: "Tidewater", host: "Ines Marlowe", language: "en", episodes: 1 });
  });

  it("lists published episodes newest first", async () => {
    const res = await createApp().request("/shows/night-shift/episodes");
    expect((await res.json()).episodes).toEqual([
      { id: "ep_1041", number: 42, title: "Lighthouse keepers", duration: "55:10" },
      { id: "ep_1039", number: 41, title: "The 3 a.m. economy", duration: "47:54" },
    ]);
  });

  it("serves the JSON feed without unlisted episodes", async () => {
    const res = await createApp().request("/shows/tidewater/feed.json");
    const feed = await res.json();
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(feed.items.map((item: { id: string }) => item.id)).toEqual(["ep_1040"]);
    expect(feed.items[0].attachments[0]).toEqual({ url: "https://cdn.wavelength.fm/tw/17.mp3", mime_type: "audio/mpeg", size: "31.8 MB", duration: "33:05" });
  });

  it("answers 404 for an unknown show", async () => {
    const res = await createApp().request("/shows/nope/feed.json");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "show not found" });
  });
});

describe("renditions", () => {
  it("answers 404 for an unknown episode", async () => {
    const res = await createApp().request("/episodes/ep_0/renditions", { method: "POST" });
    expect(res.status).toBe(404);
  });
});
