// Records helpdesk-intake v12.4.0 the morning after help widget 5.3.0 started rolling out: customers
// opening tickets from the widget, agents looking them up and solving them. Every request goes
// over HTTP to the real Express app; its error middleware hands over what it reports.
//
//   node --import tsx .eval/record.mjs      (or plain node: it re-runs itself under tsx)

import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const { ROSTER, TicketDesk } = await import("../packages/core/src/index.ts");
const { createApp } = await import("../packages/http/src/index.ts");

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/usr/src/app/";
const ORIGIN = "https://support.lumenbank.app";
const RELEASE = "v12.4.0";
const START = Date.parse("2026-11-27T08:15:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "widget-context-json": { type: "SyntaxError", message: /^Unexpected token 'e', "eyJ[^"]*"\.\.\. is not valid JSON$/, status: 500 },
  "urgent-fallback-const": { type: "TypeError", message: /^Assignment to constant variable\.$/, status: 500 },
};

const r = randomTools(mulberry32(0x71c4_1240));
const customers = Array.from({ length: 40 }, () => `c_${r.hex(8)}`);
const PAGES = ["/accounts", "/cards/freeze", "/payments/new", "/orders/88213", "/settings/profile", "/statements"];
const LOCALES = ["nl-NL", "en-GB", "de-DE", "fr-BE"];
const SUBJECTS = {
  billing: ["Charged twice", "Monthly fee question", "Invoice needed for my company", "Refund not received"],
  shipping: ["Card not delivered", "Wrong delivery address", "Parcel with my new card is late"],
  returns: ["Return my card reader", "Cancel my order"],
  app: ["App crashes on login", "Face ID stopped working", "Cannot add a payee"],
};
const WIDGETS = { old: "4.9.2", current: "5.2.1", rollout: "5.3.0" };
const UA = { ios: "LumenBank/26.11.2 (iPhone; iOS 18.1)", android: "LumenBank/26.11.2 (Android 15; Pixel 8)", web: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Chrome/131.0" };

function context() {
  return { page: r.pick(PAGES), locale: r.pick(LOCALES), appVersion: "26.11.2" };
}
function widgetHeaders(widget, ctx) {
  const h = { "content-type": "application/json", accept: "application/json", "user-agent": UA[r.pick(["ios", "android", "web"])], "x-widget-version": WIDGETS[widget] };
  if (ctx) {
    // 5.3.0 base64-encodes the context so non-ASCII page titles survive every proxy.
    h["x-widget-context"] = widget === "rollout" ? Buffer.from(JSON.stringify(ctx)).toString("base64") : JSON.stringify(ctx);
  }
  return h;
}
function ticketBody(product, priority) {
  const body = { customerId: r.pick(customers), product, subject: r.pick(SUBJECTS[product]), body: r.pick(["Please help.", "This is the second time.", "See screenshot in the app.", "Urgent, I cannot pay rent."]) };
  if (priority) body.priority = priority;
  return body;
}

const plans = [];
function add(kind, request, extra = {}) {
  plans.push({ kind, at: r.timeIn(START, WINDOW), id: r.uuid(), durationMs: r.latency(kind === "healthy" ? 28 : 12), request, ...extra });
}

for (let i = 0; i < 30; i += 1) {
  const product = r.pick(["billing", "billing", "shipping", "returns", "app"]);
  const widget = r.chance(0.3) ? "old" : "current";
  const body = ticketBody(product, r.pick([undefined, "low", "normal", "high"]));
  add("healthy", { method: "POST", path: "/api/tickets", headers: widgetHeaders(widget, widget === "current" ? context() : null), body }, { user: body.customerId, expectStatus: 201 });
}
for (let i = 0; i < 6; i += 1) {
  const body = ticketBody(r.pick(["billing", "returns"]), "normal");
  add("healthy", { method: "POST", path: "/api/tickets", headers: widgetHeaders("rollout", null), body }, { user: body.customerId, expectStatus: 201 });
}
for (let i = 0; i < 3; i += 1) {
  add("healthy", { method: "POST", path: "/api/tickets", headers: widgetHeaders("current", context()), body: { customerId: r.pick(customers), product: "cards", subject: "Card blocked", body: "…" } }, { expectStatus: 422 });
}
for (let i = 0; i < 26; i += 1) {
  const customerId = r.skewed(customers);
  add("healthy", { method: "GET", path: `/api/customers/${customerId}/tickets`, headers: { accept: "application/json", "user-agent": UA.web } }, { user: customerId, expectStatus: 200 });
}
for (let i = 0; i < 8; i += 1) add("healthy", { method: "GET", path: `/api/tickets/T-${r.int(39_000, 39_990)}`, headers: { accept: "application/json", "user-agent": "support-console/3.1" } }, { user: r.pick(ROSTER).id, expectStatus: 404 });

for (let i = 0; i < 15; i += 1) {
  const body = ticketBody(r.pick(["billing", "shipping", "returns", "app"]), r.pick([undefined, "normal", "high", "low"]));
  add("widget-context-json", { method: "POST", path: "/api/tickets", headers: widgetHeaders("rollout", context()), body }, { user: body.customerId });
}
// Nobody on the roster handles the app yet; urgent app tickets have no skilled agent.
for (let i = 0; i < 9; i += 1) {
  const body = ticketBody("app", "urgent");
  add("urgent-fallback-const", { method: "POST", path: "/api/tickets", headers: widgetHeaders("current", r.chance(0.7) ? context() : null), body }, { user: body.customerId });
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
let clock = START;
const desk = new TicketDesk(ROSTER, () => new Date(clock));
const app = createApp({ desk, notifier: { ticketOpened: async () => {} }, report: (error) => (captured = error) });
const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);

const events = [];
try {
  for (const plan of plans) {
    captured = null;
    clock = plan.at;
    const { method, path, headers, body } = plan.request;
    const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    await response.text();
    checkOutcome(plan, { status: response.status, error: captured }, EXPECTED);
    events.push(
      toEvent({
        id: plan.id,
        at: plan.at,
        release: RELEASE,
        error: captured,
        roots,
        request: { method, url: `${ORIGIN}${path}`, status: response.status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...headers }, body },
        user: plan.user,
        tags: { service: "helpdesk-intake", cluster: "ams-2" },
      }),
    );
  }
} finally {
  server.close();
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
