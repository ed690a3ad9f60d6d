// Records metrics-rollup v3.2.1 on AWS Lambda between 10:00 and 10:30 UTC: the hourly rule's
// "Scheduled Event" for each site, and backfills an engineer requests from the ops console.
// Both are asynchronous invocations, so Lambda retries a failed one twice (about one and three
// minutes later). Handlers are invoked for real with EventBridge events; the app's `instrument`
// wrapper hands over what escaped. Nothing here is a request, so the events carry none.
//
//   node --import tsx .eval/record.mjs      (or plain node: it re-runs itself under tsx)

import { fileURLToPath } from "node:url";
import { checkOutcome, ensureTsx, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
ensureTsx(import.meta.url, APP_ROOT);

const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/var/task/";
const RELEASE = "v3.2.1";
const START = Date.parse("2026-11-18T10:00:00.000Z");

const EXPECTED = {
  "window-detail-missing": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'start'\)$/ },
  "percentile-renamed": { type: "TypeError", message: /^stats\.percentile is not a function$/ },
};

const { createHourlyHandler } = await import("../src/handlers/hourly.ts");
const { setErrorSink } = await import("../src/lib/instrument.ts");
const { SITES } = await import("../src/sites.ts");
const { createEventStore, createRollupStore } = await import("../src/store/memory.ts");

const r = randomTools(mulberry32(0x3e7a_0321));
const PATHS = ["/", "/", "/pricing", "/products/kettle-pro", "/products/toaster-2", "/blog/launch", "/cart", "/checkout"];

// Page views of the morning, as the collector wrote them.
const events = createEventStore();
for (const site of SITES) {
  for (let hour = 5; hour < 10; hour += 1) {
    const count = r.int(20, 120);
    for (let i = 0; i < count; i += 1) {
      const at = new Date(Date.UTC(2026, 10, 18, hour, r.int(0, 59), r.int(0, 59), r.int(0, 999))).toISOString();
      const view = { site: site.id, at, path: r.skewed(PATHS), visitor: `v_${r.hex(6).slice(0, r.int(2, 3))}` };
      if (site.vitals && !(hour === 5 && site.id === "shop-de")) view.lcpMs = Math.round(r.latency(1800));
      events.add(view);
    }
  }
}

const plans = [];
function invoke(kind, at, event, retriesOnFailure = 2) {
  const attempts = kind === "healthy" ? 1 : 1 + retriesOnFailure;
  let when = at;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    plans.push({ kind, label: `${event["detail-type"]} ${event.detail.site}`, at: when, id: r.uuid(), event, attempt });
    when += attempt === 1 ? r.int(55_000, 70_000) : r.int(115_000, 135_000);
  }
}

const scheduledTime = "2026-11-18T10:00:00Z";
for (const site of SITES) {
  const event = { version: "0", id: r.uuid(), "detail-type": "Scheduled Event", source: "aws.events", account: "381492006612", time: scheduledTime, region: "eu-west-1", resources: [`arn:aws:events:eu-west-1:381492006612:rule/rollup-hourly-${site.id}`], detail: { site: site.id } };
  invoke("window-detail-missing", START + r.int(200, 4_000), event, site.id === "status" || site.id === "help" ? 1 : 2);
}
// 10:12: the dashboards are empty since 05:00, so an engineer backfills site by site.
let at = START + 12 * 60_000;
for (const siteId of ["blog", "shop-nl", "docs", "shop-de", "careers", "shop-be"]) {
  for (const hour of [5, 6, 7, 8, 9]) {
    at += r.int(9_000, 25_000);
    const start = new Date(Date.UTC(2026, 10, 18, hour)).toISOString().replace(".000Z", "Z");
    const end = new Date(Date.UTC(2026, 10, 18, hour + 1)).toISOString().replace(".000Z", "Z");
    const event = { version: "0", id: r.uuid(), "detail-type": "Rollup Backfill Requested", source: "ops.console", account: "381492006612", time: new Date(at).toISOString().replace(/\.\d+Z$/, "Z"), region: "eu-west-1", resources: [], detail: { site: siteId, window: { start, end }, requestedBy: "m.janssen" } };
    const site = SITES.find((candidate) => candidate.id === siteId);
    const hasLcp = site.vitals && !(hour === 5 && siteId === "shop-de");
    // After two failed hours on a shop, the engineer moves on to the next site.
    if (hasLcp && hour > 6) continue;
    invoke(hasLcp ? "percentile-renamed" : "healthy", at, event, 1);
  }
}
plans.sort((a, b) => a.at - b.at);

let captured = null;
setErrorSink((error) => (captured = error));
const handler = createHourlyHandler({ sites: SITES, events, rollups: createRollupStore() });
const roots = productionRoots(APP_ROOT, DEPLOY_ROOT);
const out = [];
for (const plan of plans) {
  captured = null;
  try {
    await handler(plan.event);
  } catch {
    // Lambda records the failed invocation; the sink already has the error
  }
  checkOutcome(plan, { error: captured }, EXPECTED);
  if (!captured) continue;
  const tags = { function: "metrics-rollup-hourly", detail_type: plan.event["detail-type"], site: plan.event.detail.site, attempt: String(plan.attempt) };
  out.push(toEvent({ id: plan.id, at: plan.at, release: RELEASE, error: captured, roots, tags }));
}

await writeEvents(OUT, out);
console.log(summarize(plans, out));
