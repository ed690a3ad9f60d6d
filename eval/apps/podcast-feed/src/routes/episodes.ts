import { Hono } from "hono";
import type { Db } from "../db.ts";

export type RenditionJob = { episodeId: string; preset: string; state: "queued" };

export function episodeRoutes(db: Db, queue: RenditionJob[]) {
  const episodes = new Hono();

  // Called by the upload worker once the master file is in the bucket.
  episodes.post("/:id/renditions", async (c) => {
    const episode = db.episodes.find((ep) => ep.id === c.req.param("id"));
    if (!episode) return c.json({ error: "episode not found" }, 404);
    const show = db.shows.get(episode.showSlug)!;
    // The encoding ladder is only needed here; keep it out of the feed workers' startup.
    const { presetsFor } = await import("../transcode/presets.ts");
    const jobs = presetsFor(show.language).map((preset) => ({ episodeId: episode.id, preset: preset.id, state: "queued" as const }));
    queue.push(...jobs);
    return c.json({ episodeId: episode.id, renditions: jobs.map((job) => job.preset) }, 202);
  });

  return episodes;
}
