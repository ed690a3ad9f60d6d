// Records podcast-feed v3.3.0 on a Thursday evening: podcast apps and aggregators poll the JSON
// feeds, listeners browse the web player, and the upload worker asks for renditions of two new
// episodes. Night Shift #43 sits in "processing" from 19:04 to 19:21 while it is mastered.
// Every event is a real HTTP request to the app (served by @hono/node-server); errors are what
// its onError hook reported.
//
//   node --import tsx .eval/record.mjs

import { serve } from "@hono/node-server";
import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { createApp } from "../src/app.ts";
import { seedDb } from "../src/db.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "podcast-feed@3.3.0",
  origin: "https://feeds.wavelength.fm",
  start: "2026-11-12T19:00:00Z",
  seed: 0x90dca57,
  eventIds: "hex",
  tags: { service: "podcast-feed", region: "us-east-1" },
});
const { rand } = rec;

rec.expect("presets-module-moved", { type: "Error", message: /^Cannot find module '.*\/src\/transcode\/presets\.ts' imported from .*\/src\/routes\/episodes\.ts$/, status: 500 });
rec.expect("processing-episode-in-feed", { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'toFixed'\)$/, status: 500 });

const minute = (m) => Date.parse("2026-11-12T19:00:00Z") + m * 60_000;
const PROCESSING = [minute(4), minute(21)];
const APPS = ["AppleCoreMedia/1.0.0.22A3354 (iPhone; U; CPU OS 18_0 like Mac OS X)", "Overcast/3.0 (+http://overcast.fm/)", "PocketCasts/1.0 (Pocket Casts Feed Parser)", "Spotify/1.0", "Podbean/FeedUpdate 2.1", "Castro 2024.11/1301"];
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";

for (let i = 0; i < 70; i += 1) {
  const slug = rand.pick(["night-shift", "night-shift", "tidewater", "kurzwelle"]);
  const at = rec.at(0, 29);
  const broken = slug === "night-shift" && at >= PROCESSING[0] && at < PROCESSING[1];
  rec.add({ kind: broken ? "processing-episode-in-feed" : "ok", at, request: { method: "GET", path: `/shows/${slug}/feed.json`, headers: { "user-agent": rand.pick(APPS), accept: "application/feed+json, application/json" } }, ms: broken ? 3 : 7 });
}
for (let i = 0; i < 24; i += 1) {
  const slug = rand.pick(["night-shift", "tidewater", "kurzwelle"]);
  const path = rand.chance(0.5) ? `/shows/${slug}` : `/shows/${slug}/episodes`;
  rec.add({ kind: "ok", request: { method: "GET", path, headers: { "user-agent": BROWSER, accept: "application/json" } }, ms: 5 });
}
// The upload worker retries with exponential backoff.
const UPLOADER = { "user-agent": "wavelength-upload-worker/2.3.1", "content-type": "application/json" };
for (const [episodeId, first] of [["ep_1044", 4.4], ["ep_1045", 12.2]]) {
  let at = minute(first);
  for (let attempt = 0; attempt < 5 && at < minute(29.5); attempt += 1) {
    rec.add({ kind: "presets-module-moved", at, request: { method: "POST", path: `/episodes/${episodeId}/renditions`, headers: UPLOADER, json: { source: `s3://wavelength-masters/${episodeId}.wav`, attempt: attempt + 1 } }, ms: 6 });
    at += 30_000 * 2 ** attempt + rand.int(0, 5_000);
  }
}

const db = seedDb();
let reported = null;
const app = createApp({ db, onError: (error) => { reported = error; } });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((resolve) => server.once("listening", resolve));
rec.onCleanup(() => new Promise((resolve) => server.close(resolve)));
const url = `http://127.0.0.1:${server.address().port}`;

await rec.run(async (item) => {
  // The editors' actions, as the database saw them.
  if (item.at >= minute(4) && !db.episodes.some((ep) => ep.id === "ep_1044")) {
    db.episodes.push({ id: "ep_1044", showSlug: "night-shift", title: "Ferry crossings", number: 43, status: "processing", publishedAt: "2026-11-12T19:04:00Z" });
  }
  if (item.at >= minute(12) && !db.episodes.some((ep) => ep.id === "ep_1045")) {
    db.episodes.push({ id: "ep_1045", showSlug: "kurzwelle", title: "Nachtprogramm", number: 89, status: "unlisted" });
  }
  const draft = db.episodes.find((ep) => ep.id === "ep_1044");
  if (item.at >= PROCESSING[1] && draft?.status === "processing") Object.assign(draft, { status: "published", durationSec: 3122, sizeMb: 50.2, audioUrl: "https://cdn.wavelength.fm/ns/43.mp3" });
  reported = null;
  const { status } = await rec.httpSend(url, item);
  return { status, error: reported };
});
await rec.write();
