// Records huddle-chat v0.19.3 in production: people reading and posting in rooms and threads,
// mentions in new top-level messages, and searches with punctuation in them. Every request goes
// over HTTP to the real app served by @hono/node-server; the app's onError hook hands over what
// it caught.
//
//   node --import tsx .eval/record.mjs      (or plain node: it re-runs itself under tsx)

import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const { serve } = await import("@hono/node-server");
const { createApp, createStore, seed } = await import("../src/index.ts");

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/home/node/app/";
const ORIGIN = "https://huddle.tidewater.chat";
const RELEASE = "v0.19.3";
const START = Date.parse("2026-11-24T13:40:00.000Z");
const WINDOW = 29 * 60_000;

const EXPECTED = {
  "mentions-not-imported": { type: "ReferenceError", message: /^extractMentions is not defined$/, status: 500 },
  "search-regex-literal": { type: "SyntaxError", message: /^Invalid regular expression: \/.+\/i: /, status: 500 },
};

const r = randomTools(mulberry32(0x0ddc4a7));
const rooms = seed.rooms.filter((room) => !room.archived);
const CLIENTS = ["Huddle/3.4.1 (Electron 33; macOS)", "Huddle/3.4.1 (Electron 33; Windows)", "Huddle-iOS/3.3.0", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"];
const PLAIN = ["morning all", "deploy is green", "PR is up for review", "who has the staging lock?", "lunch?", "back in 10", "thanks, merged", "reverting, one sec", "standup moved to 10:15"];
const MENTIONING = [
  (h) => `@${h} can you take a look?`,
  (h) => `thanks @${h}!`,
  (h) => `@${h} the build on main is red`,
  (h) => `ping @${h} re: release notes`,
  (h) => `cc @${h} @sam`,
];
const WORDS = ["deploy", "queue", "lunch", "icons", "lag", "review"];
// What people type into the search box: a language name, a tag, a copy of a line.
const PUNCTUATED = ["c++", "C++", "(urgent", "*v2*", "[poll", "+1", "?", "(urgent)"].slice(0, 7);

const plans = [];
function add(kind, request, extra = {}) {
  plans.push({ kind, at: r.timeIn(START, WINDOW), id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 11 : 6), request, ...extra });
}
function headers(json) {
  const h = { accept: "application/json", "user-agent": r.pick(CLIENTS), "x-huddle-client-id": r.hex(12) };
  if (json) h["content-type"] = "application/json";
  return h;
}
const member = (room) => r.pick(room.members);

for (let i = 0; i < 18; i += 1) {
  const handle = r.pick(["maya", "jon", "ines", "kofi", "li.wei", "sam"]);
  add("healthy", { method: "GET", path: `/api/rooms?member=${handle}`, headers: headers(false) }, { user: handle, expectStatus: 200 });
}
for (let i = 0; i < 34; i += 1) {
  const room = r.skewed(rooms);
  add("healthy", { method: "GET", path: `/api/rooms/${room.id}/messages?limit=50`, headers: headers(false) }, { user: member(room), expectStatus: 200 });
}
for (let i = 0; i < 9; i += 1) {
  const room = r.pick(rooms);
  add("healthy", { method: "GET", path: `/api/rooms/${room.id}/messages?q=${r.pick(WORDS)}`, headers: headers(false) }, { user: member(room), expectStatus: 200 });
}
for (let i = 0; i < 26; i += 1) {
  const room = r.skewed(rooms);
  const author = member(room);
  add("healthy", { method: "POST", path: `/api/rooms/${room.id}/messages`, headers: headers(true), body: { author, text: r.pick(PLAIN) } }, { user: author, expectStatus: 201 });
}
for (let i = 0; i < 8; i += 1) {
  const author = r.pick(["maya", "kofi", "sam"]);
  const text = r.chance(0.5) ? `@${r.pick(["li.wei", "kofi", "maya"])} ${r.pick(PLAIN)}` : r.pick(PLAIN);
  add("healthy", { method: "POST", path: `/api/messages/m_00002/replies`, headers: headers(true), body: { author, text } }, { user: author, expectStatus: 201 });
}
for (let i = 0; i < 7; i += 1) {
  const handle = r.pick(["maya", "li.wei", "sam", "kofi"]);
  add("healthy", { method: "GET", path: `/api/people/${handle}/notifications`, headers: headers(false) }, { user: handle, expectStatus: 200 });
}
add("healthy", { method: "POST", path: "/api/rooms/r_launch/messages", headers: headers(true), body: { author: "jon", text: "is this still on?" } }, { user: "jon", expectStatus: 409 });
add("healthy", { method: "GET", path: "/api/rooms/r_random/messages", headers: headers(false) }, { expectStatus: 404 });

for (let i = 0; i < 16; i += 1) {
  const room = r.skewed(rooms);
  const author = member(room);
  const other = r.pick(room.members.filter((handle) => handle !== author));
  add("mentions-not-imported", { method: "POST", path: `/api/rooms/${room.id}/messages`, headers: headers(true), body: { author, text: r.pick(MENTIONING)(other) } }, { user: author });
}
for (let i = 0; i < 11; i += 1) {
  const room = r.pick(rooms);
  add("search-regex-literal", { method: "GET", path: `/api/rooms/${room.id}/messages?q=${encodeURIComponent(r.pick(PUNCTUATED))}`, headers: headers(false) }, { user: member(room) });
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
let clock = START;
const app = createApp({
  store: createStore({ rooms: seed.rooms, messages: seed.messages }, () => new Date(clock)),
  report: (error) => (captured = error),
});
const server = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
});
const base = `http://127.0.0.1:${server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    clock = plan.at;
    const { method, path, headers: sent, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    checkOutcome(plan, { status: response.status, error: captured }, EXPECTED);
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured,
        roots,
        request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...sent }, body },
        user: plan.user,
        tags: { service: "huddle-api", pod: "huddle-api-7c9f" },
      }),
    );
  }
} finally {
  server.close();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
