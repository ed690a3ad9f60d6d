import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import type { RenditionJob } from "../src/routes/episodes.ts";

describe("rendition jobs for a new upload", () => {
  it("queues the show's encoding ladder", async () => {
    const queue: RenditionJob[] = [];
    const res = await createApp({ queue }).request("/episodes/ep_1041/renditions", { method: "POST" });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ episodeId: "ep_1041", renditions: ["mp3-128", "aac-64", "opus-48"] });
    expect(queue.map((job) => job.preset)).toEqual(["mp3-128", "aac-64", "opus-48"]);
  });

  it("adds the radio partner's rendition for German shows", async () => {
    const queue: RenditionJob[] = [];
    const res = await createApp({ queue }).request("/episodes/ep_1038/renditions", { method: "POST" });
    expect(res.status).toBe(202);
    expect(queue.map((job) => job.preset)).toEqual(["mp3-128", "aac-64", "opus-48", "aac-192"]);
  });
});
