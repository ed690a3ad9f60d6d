// Records asset-vault v1.31.2 on Vercel: the brand team browsing, renaming and tagging assets,
// asking for renditions, and uploads over the size limit. Next.js is not installed here, so this
// recorder plays its part: it routes each planned request to the exported route handler
// (app/api/**/route.ts) with a web Request and `{ params }`, as the App Router does.
//
//   node --import tsx .eval/record.mjs      (or plain node: it re-runs itself under tsx)

import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/var/task/";
const ORIGIN = "https://assets.maison-verde.com";
const RELEASE = "v1.31.2";
const START = Date.parse("2026-11-12T15:05:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "metadata-object-keys": { type: "TypeError", message: /^Cannot convert undefined or null to object$/, status: 500, level: "error" },
  "preset-unknown-destructure": { type: "TypeError", message: /^Cannot destructure property 'width' of 'PRESETS\[preset\]' as it is undefined\.$/, status: 500, level: "error" },
  "upload-too-large": { type: "HttpError", message: /^Asset of \d+ bytes exceeds the \d+ byte limit$/, status: 413, level: "warning" },
};

const collection = await import("../app/api/assets/route.ts");
const single = await import("../app/api/assets/[id]/route.ts");
const renditions = await import("../app/api/assets/[id]/rendition/route.ts");
const { setReporter } = await import("../lib/observability.ts");
const { seedAssets } = await import("../lib/assets/store.ts");

/** The App Router's part: which route module and params a path belongs to. */
function route(path) {
  const pathname = path.split("?")[0];
  let m;
  if (pathname === "/api/assets") return { module: collection, params: {} };
  if ((m = /^\/api\/assets\/([^/]+)\/rendition$/.exec(pathname))) return { module: renditions, params: { id: m[1] } };
  if ((m = /^\/api\/assets\/([^/]+)$/.exec(pathname))) return { module: single, params: { id: m[1] } };
  throw new Error(`no route for ${path}`);
}

const r = randomTools(mulberry32(0xa55e7131));
const IDS = seedAssets.map((a) => a.id);
const IMAGES = seedAssets.filter((a) => a.kind === "image").map((a) => a.id);
const EDITORS = ["u_camille", "u_jonas", "u_priya", "u_tomasz"];
const BROWSERS = ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Chrome/131.0", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/132.0"];

const plans = [];
function add(kind, request, extra = {}) {
  plans.push({ kind, at: r.timeIn(START, WINDOW), id: r.hex(32), durationMs: r.latency(kind === "healthy" ? 38 : 21), request, user: r.pick(EDITORS), ...extra });
}
function headers(json) {
  const h = { accept: "application/json", "user-agent": r.pick(BROWSERS), "x-vercel-id": `cdg1::${r.hex(5)}-${r.int(1_700_000_000, 1_799_999_999)}-${r.hex(12)}`, "x-forwarded-for": `${r.int(80, 90)}.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}` };
  if (json) h["content-type"] = "application/json";
  return h;
}

for (let i = 0; i < 22; i += 1) {
  const query = r.pick(["", "?tag=campaign", "?tag=brand", "?kind=image", "?tag=retail"]);
  add("healthy", { method: "GET", path: `/api/assets${query}`, headers: headers(false) }, { expectStatus: 200 });
}
for (let i = 0; i < 26; i += 1) add("healthy", { method: "GET", path: `/api/assets/${r.skewed(IDS)}`, headers: headers(false) }, { expectStatus: 200 });
for (let i = 0; i < 18; i += 1) {
  const presetQuery = r.pick(["", "?preset=thumb", "?preset=preview", "?preset=social", "?preset=thumb"]);
  add("healthy", { method: "GET", path: `/api/assets/${r.skewed(IMAGES)}/rendition${presetQuery}`, headers: headers(false) }, { expectStatus: 200 });
}
// The metadata panel sends metadata only; the full edit form sends everything.
for (let i = 0; i < 12; i += 1) {
  const body = { metadata: r.pick([{ usage: "web only" }, { licence: "owned" }, { expires: null }, { photographer: "M. Duval", usage: "print + web" }]) };
  if (r.chance(0.35)) Object.assign(body, { title: r.pick(["Hero — final", "Autumn hero v3", "Store front (cropped)"]), tags: ["campaign"] });
  add("healthy", { method: "PATCH", path: `/api/assets/${r.pick(IDS)}`, headers: headers(true), body }, { expectStatus: 200 });
}
for (let i = 0; i < 7; i += 1) {
  const body = { kind: r.pick(["image", "image", "document"]), title: r.pick(["Lookbook p.12", "Window display sketch", "Press kit", "Moodboard"]), width: 2400, height: 1600, bytes: r.int(200_000, 40_000_000), tags: r.pick([["campaign"], "retail", []]) };
  add("healthy", { method: "POST", path: "/api/assets", headers: headers(true), body }, { expectStatus: 201 });
}
add("healthy", { method: "GET", path: "/api/assets/ast_2Xx0", headers: headers(false) }, { expectStatus: 404 });
add("healthy", { method: "GET", path: "/api/assets/ast_5Pw4/rendition?preset=thumb", headers: headers(false) }, { expectStatus: 422 });

// Renaming from the grid view and tagging from the bulk bar send no metadata at all.
for (let i = 0; i < 15; i += 1) {
  const body = r.chance(0.6)
    ? { title: r.pick(["Autumn campaign hero (approved)", "Logo on dark — 2027", "Lyon store front", "Offsite 2026", "Teaser 15s final"]) }
    : { tags: r.pick([["campaign", "approved"], ["brand"], ["archive"]]) };
  add("metadata-object-keys", { method: "PATCH", path: `/api/assets/${r.pick(IDS)}`, headers: headers(true), body });
}
// The new newsletter builder asks for presets the service never had.
for (let i = 0; i < 9; i += 1) {
  add("preset-unknown-destructure", { method: "GET", path: `/api/assets/${r.pick(IMAGES)}/rendition?preset=${r.pick(["square", "og", "hero", "square", "newsletter"])}`, headers: headers(false) }, { user: "svc_newsletter" });
}
for (let i = 0; i < 4; i += 1) {
  const body = { kind: "video", title: r.pick(["Shoot day raw", "Campaign master ProRes", "Drone footage"]), width: 3840, height: 2160, bytes: r.int(600_000_000, 2_400_000_000) };
  add("upload-too-large", { method: "POST", path: "/api/assets", headers: headers(true), body });
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
setReporter((level, error) => (captured = { level, error }));
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
for (const plan of plans) {
  captured = null;
  const { method, path, headers: sent, body } = plan.request;
  const target = route(path);
  const request = new Request(`${ORIGIN}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  const response = await target.module[method](request, { params: Promise.resolve(target.params) });
  await response.text();
  checkOutcome(plan, { status: response.status, error: captured?.error, level: captured?.level }, EXPECTED);
  events.push(
    toEvent({
      id: plan.id,
      at: plan.at,
      release: RELEASE,
      error: captured?.error,
      level: captured?.level,
      roots,
      request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...sent }, body },
      user: plan.user,
      tags: { runtime: "nodejs20.x", region: "cdg1" },
    }),
  );
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
