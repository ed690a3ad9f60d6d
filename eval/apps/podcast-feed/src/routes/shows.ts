import { Hono } from "hono";
import type { Db, Episode } from "../db.ts";
import { formatDuration, formatSize } from "../lib/format.ts";

const byNewest = (a: Episode, b: Episode) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "");

export function showRoutes(db: Db) {
  const shows = new Hono();

  shows.get("/:slug", (c) => {
    const show = db.shows.get(c.req.param("slug"));
    if (!show) return c.json({ error: "show not found" }, 404);
    const count = db.episodes.filter((ep) => ep.showSlug === show.slug && ep.status === "published").length;
    return c.json({ ...show, episodes: count });
  });

  // The web player's episode list.
  shows.get("/:slug/episodes", (c) => {
    const show = db.shows.get(c.req.param("slug"));
    if (!show) return c.json({ error: "show not found" }, 404);
    const episodes = db.episodes
      .filter((ep) => ep.showSlug === show.slug && ep.status === "published")
      .sort(byNewest)
      .map((ep) => ({ id: ep.id, number: ep.number, title: ep.title, duration: formatDuration(ep.durationSec ?? 0) }));
    return c.json({ show: show.slug, episodes });
  });

  // JSON Feed 1.1, polled by podcast apps and the aggregators.
  shows.get("/:slug/feed.json", (c) => {
    const show = db.shows.get(c.req.param("slug"));
    if (!show) return c.json({ error: "show not found" }, 404);
    const items = db.episodes
      .filter((ep) => ep.showSlug === show.slug && ep.status !== "unlisted")
      .sort(byNewest)
      .map((ep) => ({
        id: ep.id,
        title: `${ep.number}. ${ep.title}`,
        date_published: ep.publishedAt,
        attachments: [{ url: ep.audioUrl, mime_type: "audio/mpeg", size: formatSize(ep.sizeMb!), duration: formatDuration(ep.durationSec ?? 0) }],
      }));
    c.header("cache-control", "public, max-age=300");
    return c.json({ version: "https://jsonfeed.org/version/1.1", title: show.title, language: show.language, items });
  });

  return shows;
}
