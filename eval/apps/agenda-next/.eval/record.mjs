// Records agenda-next v2.1.0 two days before the conference: attendees browse the agenda in the
// app, speakers move their sessions in the speaker portal. Portal 2.0 shipped a 12-hour time
// picker for speakers with an en-US locale ("2:30 PM"). Route handlers are called as Next.js
// calls them; one that throws is answered 500 and reported.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { GET as list } from "../app/api/sessions/route.ts";
import { GET as show, PATCH as reschedule } from "../app/api/sessions/[id]/route.ts";
import { GET as speaker } from "../app/api/speakers/[slug]/route.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/app/",
  release: "agenda@2.1.0",
  origin: "https://agenda.nodeconf.dk",
  start: "2026-11-24T13:00:00Z",
  seed: 0xa9e4da,
  eventIds: "hex",
  tags: { service: "agenda-next" },
});
const { rand } = rec;

rec.expect("twelve-hour-time", { type: "RangeError", message: /^Invalid time value$/, status: 500 });

const APP = () => ({ "user-agent": rand.pick(["NodeConfNordic/1.4 (iOS 18.1)", "NodeConfNordic/1.4 (Android 14)", "Mozilla/5.0 (X11; Linux x86_64) Firefox/132.0"]), accept: "application/json" });
const PORTAL = (locale) => ({ "user-agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15", accept: "application/json", "accept-language": locale, "x-portal-version": "2.0.1" });

for (let i = 0; i < 40; i += 1) {
  const day = rand.pick(["2026-11-26", "2026-11-27", null]);
  const track = rand.pick(["main", "workshops", "lightning", null]);
  const query = [day && `day=${day}`, track && `track=${track}`].filter(Boolean).join("&");
  rec.add({ kind: "ok", route: "list", request: { method: "GET", path: `/api/sessions${query ? `?${query}` : ""}`, headers: APP() }, ms: 6 });
}
for (let i = 0; i < 20; i += 1) {
  const id = rand.pick(["s-101", "s-102", "s-103", "s-104", "s-201", "s-202", "s-203"]);
  rec.add({ kind: "ok", route: "show", id, request: { method: "GET", path: `/api/sessions/${id}`, headers: APP() }, ms: 4 });
}
for (let i = 0; i < 10; i += 1) {
  const slug = rand.pick(["matteo-rossi", "ingrid-dahl", "sofia-larsen", "kwame-mensah", "lea-brun"]);
  rec.add({ kind: "ok", route: "speaker", id: slug, request: { method: "GET", path: `/api/speakers/${slug}`, headers: APP() }, ms: 5 });
}
// Speakers moving sessions. 24-hour locales work; en-US speakers get "h:mm AM/PM" and retry.
const MOVES = [
  ["s-104", "ingrid-dahl", "en-GB", { date: "2026-11-26", time: "15:10" }],
  ["s-201", "ingrid-dahl", "en-GB", { date: "2026-11-27", time: "10:30" }],
  ["s-103", "sofia-larsen", "da-DK", { date: "2026-11-26", time: "12:30", room: "Workshop B" }],
];
for (const [id, user, locale, json] of MOVES) {
  rec.add({ kind: "ok", route: "patch", id, user, request: { method: "PATCH", path: `/api/sessions/${id}`, headers: PORTAL(locale), json } });
}
const US_MOVES = [
  ["s-202", "matteo-rossi", ["1:30 PM", "1:30 PM", "1:30PM", "01:30 PM"], "2026-11-27"],
  ["s-104", "kwame-mensah", ["4:00 PM", "4:00 PM", "4 PM"], "2026-11-26"],
  ["s-203", "lea-brun", ["2:45 PM", "2:45 pm"], "2026-11-27"],
];
for (const [id, user, times, date] of US_MOVES) {
  let at = rec.at(3, 22);
  for (const time of times) {
    rec.add({ kind: "twelve-hour-time", at, route: "patch", id, user, request: { method: "PATCH", path: `/api/sessions/${id}`, headers: PORTAL("en-US,en;q=0.9"), json: { date, time } }, ms: 3 });
    at += rand.int(20_000, 120_000);
  }
}

async function call(item) {
  const init = { method: item.request.method, headers: item.request.headers };
  if (item.request.json) init.body = JSON.stringify(item.request.json);
  const request = new Request(`https://agenda.nodeconf.dk${item.request.path}`, init);
  if (item.route === "list") return list(request);
  if (item.route === "speaker") return speaker(request, { params: Promise.resolve({ slug: item.id }) });
  const context = { params: Promise.resolve({ id: item.id }) };
  return item.route === "show" ? show(request, context) : reschedule(request, context);
}

await rec.run(async (item) => {
  try {
    return { status: (await call(item)).status };
  } catch (error) {
    return { status: 500, error };
  }
});
await rec.write();
