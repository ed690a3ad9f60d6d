// Records ticket-desk v1.31.2 through a weekday morning: agents work the queue in the console,
// customers open tickets from the in-app help widget. Tickets migrated from the old desk in
// October have no watcher list; the iOS widget 4.2 URL-encodes its context header; some widget
// versions let an empty subject through (rejected by the schema, reported at warning).
// Every event comes from a real HTTP request to the app; errors are what its error handler saw.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { buildApp } from "../src/app.ts";
import { createTicketStore, SEED_TICKETS } from "../src/tickets/store.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/workspace/",
  release: "1.31.2",
  origin: "https://api.helpline.io",
  start: "2026-11-05T08:30:00Z",
  seed: 0x71c4e7,
  tags: { app: "ticket-desk", pod: "ticket-desk-7d9f8c6b5-x2kqp" },
});
const { rand } = rec;

rec.expect("watchers-not-iterable", { type: "TypeError", message: /^ticket\.watchers is not iterable$/, status: 500 });
rec.expect("encoded-widget-context", { type: "SyntaxError", message: /is not valid JSON$/, status: 500 });
rec.expect("subject-too-short", { type: "Error", message: /^body\/subject must NOT have fewer than 3 characters$/, status: 400, level: "warning" });

const CONSOLE = { "user-agent": "HelplineConsole/6.4 (Electron 33)", accept: "application/json" };
const AGENTS = ["agent.mira", "agent.sven", "agent.jo", "agent.priya"];
const CURRENT = [48211, 48230];
const MIGRATED = [31077, 31102];
const CUSTOMERS = ["kim@studio-ost.de", "j.meyer@holzbau-meyer.de", "office@kanzlei-roth.de", "anna.berg@mailbox.org", "tech@gruenwerk.eu", "sales@linde-moebel.de"];
const SUBJECTS = ["Export stuck at 99%", "Cannot invite a colleague", "Wrong currency on invoice", "App crashes on login", "Where do I change my plan?", "Two-factor code not arriving"];
const PAGES = ["/billing", "/reports/monthly", "/settings/team", "/dashboard", "/integrations/datev"];
const REPLIES = ["Thanks, we are looking into it.", "Could you send a screenshot?", "Fixed on our side, please try again.", "I have forwarded this to billing.", "Closing this as solved, reply to reopen."];

function widgetContext(client) {
  return { page: rand.pick(PAGES), appVersion: client, locale: rand.pick(["de-DE", "en-GB", "de-AT"]) };
}

for (let i = 0; i < 30; i += 1) {
  const query = rand.pick(["?status=open", `?status=open&assignee=${rand.pick(AGENTS)}`, "?status=pending", ""]);
  rec.add({ kind: "ok", request: { method: "GET", path: `/tickets${query}`, headers: CONSOLE }, user: rand.pick(AGENTS), ms: 8 });
}
for (let i = 0; i < 20; i += 1) {
  rec.add({ kind: "ok", request: { method: "GET", path: `/tickets/${rand.pick([...CURRENT, ...MIGRATED])}`, headers: CONSOLE }, user: rand.pick(AGENTS), ms: 6 });
}
for (let i = 0; i < 18; i += 1) {
  const author = rand.pick(AGENTS);
  const json = { author, body: rand.pick(REPLIES), ...(rand.chance(0.2) ? { public: false } : {}) };
  rec.add({ kind: "ok", status: 201, request: { method: "POST", path: `/tickets/${rand.pick(CURRENT)}/comments`, headers: CONSOLE, json }, user: author, ms: 14 });
}
for (let i = 0; i < 12; i += 1) {
  const author = rand.pick(AGENTS);
  const json = { author, body: rand.pick(REPLIES) };
  rec.add({ kind: "watchers-not-iterable", request: { method: "POST", path: `/tickets/${rand.pick(MIGRATED)}/comments`, headers: CONSOLE, json }, user: author, ms: 5 });
}

// Widget tickets: web and Android send the context as plain JSON, iOS 4.2 URL-encodes it.
for (let i = 0; i < 24; i += 1) {
  const client = rand.pick(["web-8.2.0", "android-4.2.1", "ios-4.1.9", "ios-4.2.0", "ios-4.2.0"]);
  const encoded = client === "ios-4.2.0";
  const context = JSON.stringify(widgetContext(client));
  const headers = { "user-agent": `HelplineWidget/${client}`, "x-widget-context": encoded ? encodeURIComponent(context) : context };
  const json = { subject: rand.pick(SUBJECTS), email: rand.pick(CUSTOMERS), message: "Hello, " + rand.pick(["it stopped working today.", "see subject.", "please help, this is urgent."]) };
  rec.add({ kind: encoded ? "encoded-widget-context" : "ok", status: encoded ? undefined : 201, request: { method: "POST", path: "/tickets", headers, json }, ms: encoded ? 4 : 16 });
}
for (let i = 0; i < 4; i += 1) {
  const client = "android-4.1.0";
  const headers = { "user-agent": `HelplineWidget/${client}`, "x-widget-context": JSON.stringify(widgetContext(client)) };
  rec.add({ kind: "subject-too-short", request: { method: "POST", path: "/tickets", headers, json: { subject: rand.pick(["", "?", "hi"]), email: rand.pick(CUSTOMERS), message: "The app shows an error." } }, ms: 3 });
}

let now = new Date(0);
let reported = null;
const app = await buildApp({
  store: createTicketStore(SEED_TICKETS, () => now),
  clock: () => now,
  notifier: { send: async () => {} },
  report: (error) => {
    reported = error;
  },
});
const url = await app.listen({ port: 0, host: "127.0.0.1" });
rec.onCleanup(() => app.close());

await rec.run(async (item) => {
  now = new Date(item.at);
  reported = null;
  const headers = item.user ? { ...item.request.headers, "x-agent": item.user } : item.request.headers;
  const { status } = await rec.httpSend(url, { ...item, request: { ...item.request, headers } });
  return { status, error: reported };
});
await rec.write();
