// Records shop-api's production incident of release v1.4.2, and the traffic after a deploy, as
// Suture generic events (one JSON object per line).
//
// Every stack trace is real: each planned request is sent over HTTP to the app served by
// src/server.ts, the app's onError hook captures the thrown error, and its `stack` (with .ts lines
// from tsx's source maps) is kept; only the local checkout path is rewritten to /var/task/, where
// the app runs on AWS Lambda. The third-party decoy comes from a small telemetry agent written to
// a temporary node_modules folder and run for real.
//
// Deterministic: a seeded PRNG and fixed base times decide everything, so running it again on the
// same Node version and the same code writes the same files.
//
//   node --import tsx incident/record-incident.ts
//     The committed incident: incident/events.jsonl and incident/expected.json. Every request must
//     fail (or succeed) as planned. The post-deploy plan also runs, strictly, against a copy with
//     incident/reference-fixes.ts applied: that checks each reference edit still matches the source
//     and answers its bug's traffic properly; its counts go to expected.json, no events are kept.
//
//   node --import tsx incident/record-incident.ts --post-deploy CHECKOUT --out FILE
//     The traffic after the deploy (release v1.4.3, 15:30-16:00 UTC, the carrier aggregator down
//     15:41:00-15:42:30) sent to the app in CHECKOUT, whatever its code is. Nothing is expected:
//     what the code throws is what FILE gets, so a bug left in CHECKOUT keeps its errors and a fix
//     that breaks something shows up as new ones.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { applyFixes, referenceFixes } from "./reference-fixes.ts";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const INCIDENT_DIR = fileURLToPath(new URL("./", import.meta.url));
const DEPLOY_ROOT = "/var/task/";
const PUBLIC_ORIGIN = "https://api.acme-shop.com";
const INCIDENT_START = Date.parse("2026-11-20T14:00:00.000Z");
const POST_DEPLOY_START = Date.parse("2026-11-20T15:30:00.000Z");
const WINDOW_MS = 30 * 60_000;
const SHIPPING_PUBLIC_ADDRESS = "10.0.12.7:8080";

// ---------------------------------------------------------------- randomness, seeded

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** Zipf-like: early items are picked much more often, so some users show up again and again. */
function pickSkewed<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(items.length * rng() ** 1.6)];
}

function hex(rng: Rng, length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(rng() * 16).toString(16);
  return out;
}

/** Log-normal around a median: latency has a long right tail. */
function latency(rng: Rng, medianMs: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.max(1, Math.round(medianMs * Math.exp(0.45 * normal)));
}

// ---------------------------------------------------------------- the traffic plan

type Kind =
  | "healthy"
  | "user-not-found"
  | "order-body-not-json"
  | "format-price-not-imported"
  | "tags-not-an-array"
  | "discount-total-const"
  | "shipping-upstream-down"
  | "third-party-agent-crash";

interface Expectation {
  type: string;
  message: RegExp;
  causeCode?: string;
}

const EXPECTED: Record<Exclude<Kind, "healthy">, Expectation> = {
  "user-not-found": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'email'\)$/ },
  "order-body-not-json": { type: "SyntaxError", message: /^Expected property name or '\}' in JSON at position \d+$/ },
  "format-price-not-imported": { type: "ReferenceError", message: /^formatPrice is not defined$/ },
  "tags-not-an-array": { type: "TypeError", message: /^patch\.tags\.map is not a function$/ },
  "discount-total-const": { type: "TypeError", message: /^Assignment to constant variable\.$/ },
  "shipping-upstream-down": { type: "TypeError", message: /^fetch failed$/, causeCode: "ECONNREFUSED" },
  "third-party-agent-crash": { type: "TypeError", message: /^Cannot read properties of null \(reading 'spans'\)$/ },
};

interface Planned {
  at: number;
  kind: Kind;
  eventId: string;
  durationMs: number;
  /** Absent for background work (the telemetry agent). */
  method?: string;
  path?: string;
  body?: string;
  userId?: string;
  tags: Record<string, string>;
  /** Whether the shipping aggregator is reachable when this request runs. */
  shippingUp: boolean;
}

const CUSTOMERS = ["1002", "1005", "1001", "1007", "1003", "1008", "1006", "1004"] as const;
const STAFF = ["1004", "1006"] as const;
// Accounts removed by the nightly erasure job whose phones still hold a session.
const DELETED_ACCOUNTS = ["8812", "9034", "7719", "8813", "9403", "8120", "7781", "8856", "9120", "7990", "8431", "9677", "8045", "9311"];
const REGULAR_PRODUCTS = ["501", "503", "505", "507", "508"] as const;
const SALE_PRODUCTS = ["502", "504", "506"] as const;
const ORDERABLE = ["503", "504", "508", "501", "505"] as const;
const EMAILS = ["ada@example.com", "kj@example.com", "ewd@example.com", "fran@example.com"] as const;
const ZIPS = ["10115", "80331", "20095", "50667", "60311", "01067", "70173"] as const;
const TAG_FILTERS = ["running", "winter", "hiking", "lights"] as const;
const MOBILE = ["ios-5.2.0", "ios-5.1.3", "android-3.9.1", "web"] as const;
// android-3.8.0 serialises the cart with a JS-object printer instead of JSON.stringify.
const MALFORMED_ORDER_BODIES: ReadonlyArray<(productId: string, quantity: number) => string> = [
  (productId, quantity) => `{items:[{productId:"${productId}",quantity:${quantity}}]}`,
  (productId, quantity) => `{"items":[{productId:"${productId}",quantity:${quantity}}]}`,
  (productId, quantity) => `{'items':[{'productId':'${productId}','quantity':${quantity}}]}`,
  (productId, quantity) => `{"couponCode":"","items":[{productId:"${productId}",quantity:${quantity}}]}`,
];
const BAD_TAG_VALUES: readonly unknown[] = ["summer, sale", "clearance", { 0: "winter", 1: "merino" }, "running;trail"];

interface Window {
  start: number;
  end: number;
}

function inWindows(at: number, windows: Window[]): boolean {
  return windows.some((window) => at >= window.start && at <= window.end);
}

interface PlanShape {
  start: number;
  rng: Rng;
  /** Times the shipping aggregator is down (it restarts during its own deploys). */
  outages: Window[];
}

function planner(shape: PlanShape) {
  const { rng, start, outages } = shape;
  const plans: Planned[] = [];

  function timeIn(window: Window = { start, end: start + WINDOW_MS - 1 }): number {
    return window.start + Math.floor(rng() * (window.end - window.start));
  }

  function add(kind: Kind, request: Omit<Planned, "kind" | "eventId" | "at" | "shippingUp" | "durationMs" | "tags"> & {
    tags?: Record<string, string>;
    medianMs: number;
    at?: number;
  }): void {
    const at = request.at ?? timeIn();
    const { medianMs, tags, ...rest } = request;
    plans.push({
      ...rest,
      kind,
      at,
      eventId: hex(rng, 32),
      durationMs: latency(rng, medianMs),
      tags: { region: "eu-west-1", runtime: "node20", ...tags },
      shippingUp: !inWindows(at, outages),
    });
  }

  function customer(): string {
    return pickSkewed(rng, CUSTOMERS);
  }

  function maybeCustomer(): string | undefined {
    return rng() < 0.4 ? undefined : customer();
  }

  function client(): Record<string, string> {
    return { client: pick(rng, MOBILE) };
  }

  function orderBody(withCoupon: boolean): string {
    const items = Array.from({ length: int(rng, 1, 2) }, () => ({
      productId: withCoupon ? pick(rng, ["503", "504"] as const) : pickSkewed(rng, ORDERABLE),
      quantity: int(rng, 1, 2),
    }));
    const coupon = withCoupon ? { couponCode: pick(rng, ["WELCOME10", "welcome10", "FIVEOFF", "WINTER15"] as const) } : {};
    return JSON.stringify({ items, ...coupon });
  }

  const healthy = {
    listProducts(count: number) {
      for (let i = 0; i < count; i += 1) {
        const filter = rng() < 0.5 ? `?tag=${pick(rng, TAG_FILTERS)}` : "";
        add("healthy", { method: "GET", path: `/products${filter}`, userId: maybeCustomer(), medianMs: 9, tags: client() });
      }
    },
    viewProducts(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("healthy", { method: "GET", path: `/products/${pickSkewed(rng, REGULAR_PRODUCTS)}`, userId: maybeCustomer(), medianMs: 6, tags: client() });
      }
    },
    ownProfiles(count: number) {
      for (let i = 0; i < count; i += 1) {
        const userId = customer();
        add("healthy", { method: "GET", path: `/users/${userId}`, userId, medianMs: 7, tags: client() });
      }
    },
    ownOrders(count: number) {
      for (let i = 0; i < count; i += 1) {
        const userId = customer();
        add("healthy", { method: "GET", path: `/users/${userId}/orders`, userId, medianMs: 11, tags: client() });
      }
    },
    staffLookups(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("healthy", { method: "GET", path: `/users?email=${pick(rng, EMAILS)}`, userId: pick(rng, STAFF), medianMs: 14, tags: { client: "backoffice-2.1" } });
      }
    },
    placeOrders(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("healthy", { method: "POST", path: "/orders", body: orderBody(false), userId: customer(), medianMs: 48, tags: client() });
      }
      // Sold-out gaiters and a product delisted yesterday: expected 409 and 422.
      add("healthy", { method: "POST", path: "/orders", body: JSON.stringify({ items: [{ productId: "507" }] }), userId: customer(), medianMs: 20, tags: client() });
      add("healthy", { method: "POST", path: "/orders", body: JSON.stringify({ items: [{ productId: "999", quantity: 1 }] }), userId: customer(), medianMs: 15, tags: client() });
    },
    viewOrders(count: number) {
      for (let i = 0; i < count; i += 1) {
        const own = rng() < 0.4;
        const path = own ? "/orders/70001" : `/orders/${70001 + int(rng, 1, 24)}`;
        add("healthy", { method: "GET", path, userId: own ? "1001" : customer(), medianMs: 8, tags: client() });
      }
    },
    cancelOrders(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("healthy", { method: "POST", path: `/orders/${70001 + int(rng, 1, 12)}/cancel`, userId: customer(), medianMs: 18, tags: client() });
      }
    },
    restock(count: number) {
      for (let i = 0; i < count; i += 1) {
        const productId = pick(rng, ["505", "507", "501", "508"] as const);
        const body = rng() < 0.7 ? { stock: int(rng, 20, 60) } : { tags: ["running", "trail"] };
        add("healthy", { method: "PATCH", path: `/products/${productId}`, body: JSON.stringify(body), userId: pick(rng, STAFF), medianMs: 22, tags: { client: "backoffice-2.1" } });
      }
    },
    shippingQuotes(count: number) {
      for (let i = 0; i < count; i += 1) {
        let at = timeIn();
        while (inWindows(at, outages)) at = timeIn();
        const productId = pickSkewed(rng, ["503", "501", "508", "505"] as const);
        add("healthy", { at, method: "GET", path: `/products/${productId}/shipping?zip=${pick(rng, ZIPS)}`, userId: maybeCustomer(), medianMs: 190, tags: client() });
      }
      add("healthy", { method: "GET", path: "/products/503/shipping?zip=1011", userId: customer(), medianMs: 4, tags: client() });
    },
    strays(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("healthy", { method: "GET", path: pick(rng, ["/favicon.ico", "/robots.txt", "/wp-login.php"] as const), medianMs: 2 });
      }
    },
  };

  const incidents = {
    deletedAccounts(count: number, kind: Kind) {
      for (let i = 0; i < count; i += 1) {
        const userId = pickSkewed(rng, DELETED_ACCOUNTS);
        add(kind, { method: "GET", path: `/users/${userId}`, userId, medianMs: 5, tags: { client: pick(rng, ["ios-5.1.3", "android-3.9.1", "ios-5.2.0"] as const) } });
      }
    },
    saleProducts(count: number, kind: Kind) {
      for (let i = 0; i < count; i += 1) {
        add(kind, { method: "GET", path: `/products/${pick(rng, SALE_PRODUCTS)}`, userId: maybeCustomer(), medianMs: 5, tags: client() });
      }
    },
    malformedOrders(count: number, kind: Kind) {
      for (let i = 0; i < count; i += 1) {
        const body = pick(rng, MALFORMED_ORDER_BODIES)(pickSkewed(rng, ORDERABLE), int(rng, 1, 3));
        add(kind, { method: "POST", path: "/orders", body, userId: customer(), medianMs: 4, tags: { client: "android-3.8.0" } });
      }
    },
    couponOrders(count: number, kind: Kind) {
      for (let i = 0; i < count; i += 1) {
        add(kind, { method: "POST", path: "/orders", body: orderBody(true), userId: customer(), medianMs: kind === "healthy" ? 52 : 6, tags: client() });
      }
    },
    stringTags(count: number, kind: Kind) {
      for (let i = 0; i < count; i += 1) {
        const body = JSON.stringify({ tags: pick(rng, BAD_TAG_VALUES) });
        add(kind, { method: "PATCH", path: `/products/${pick(rng, ["502", "503", "505", "506", "508"] as const)}`, body, userId: pick(rng, STAFF), medianMs: 6, tags: { client: "backoffice-1.9" } });
      }
    },
    shippingOutage(count: number) {
      for (let i = 0; i < count; i += 1) {
        const window = outages[i % outages.length];
        const path = `/products/${pickSkewed(rng, ["503", "501", "508"] as const)}/shipping?zip=${pick(rng, ZIPS)}`;
        add("shipping-upstream-down", { at: timeIn(window), method: "GET", path, userId: maybeCustomer(), medianMs: 9, tags: { ...client(), upstream: "shipping" } });
      }
    },
    agentCrashes(count: number) {
      for (let i = 0; i < count; i += 1) {
        add("third-party-agent-crash", { medianMs: 1, tags: { logger: "@acme/telemetry-agent", handled: "no" } });
      }
    },
  };

  return { plans, healthy, incidents };
}

function planIncident(): Planned[] {
  const { plans, healthy, incidents } = planner({
    start: INCIDENT_START,
    rng: mulberry32(0x5eed_1420),
    outages: [
      { start: Date.parse("2026-11-20T14:11:20Z"), end: Date.parse("2026-11-20T14:13:50Z") },
      { start: Date.parse("2026-11-20T14:26:05Z"), end: Date.parse("2026-11-20T14:26:50Z") },
    ],
  });
  healthy.listProducts(26);
  healthy.viewProducts(22);
  healthy.ownProfiles(18);
  healthy.ownOrders(10);
  healthy.staffLookups(3);
  healthy.placeOrders(16);
  healthy.viewOrders(8);
  healthy.cancelOrders(2);
  healthy.restock(5);
  healthy.shippingQuotes(12);
  healthy.strays(2);
  incidents.deletedAccounts(40, "user-not-found");
  incidents.malformedOrders(25, "order-body-not-json");
  incidents.saleProducts(18, "format-price-not-imported");
  incidents.stringTags(12, "tags-not-an-array");
  incidents.couponOrders(6, "discount-total-const");
  incidents.shippingOutage(8);
  incidents.agentCrashes(4);
  return plans.sort((a, b) => a.at - b.at);
}

function planPostDeploy(): Planned[] {
  const { plans, healthy, incidents } = planner({
    start: POST_DEPLOY_START,
    rng: mulberry32(0x5eed_1530),
    outages: [{ start: Date.parse("2026-11-20T15:41:00Z"), end: Date.parse("2026-11-20T15:42:30Z") }],
  });
  healthy.listProducts(16);
  healthy.viewProducts(14);
  healthy.ownProfiles(12);
  healthy.ownOrders(6);
  healthy.staffLookups(2);
  healthy.placeOrders(10);
  healthy.viewOrders(5);
  healthy.restock(3);
  healthy.shippingQuotes(8);
  healthy.strays(1);
  // The same kinds of requests that crashed v1.4.2. Planned as healthy: that is what they must be
  // on the reference fixes; sent to a checkout, they get whatever its code answers.
  incidents.deletedAccounts(14, "healthy");
  incidents.malformedOrders(6, "healthy");
  incidents.saleProducts(10, "healthy");
  incidents.stringTags(3, "healthy");
  incidents.couponOrders(4, "healthy");
  incidents.shippingOutage(5);
  return plans.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------- running the app for real

interface AppModules {
  createApp: typeof import("../src/app.ts").createApp;
  createDb: typeof import("../src/lib/db.ts").createDb;
  createShippingClient: typeof import("../src/lib/shipping.ts").createShippingClient;
  serve: typeof import("../src/server.ts").serve;
}

async function loadApp(root: string): Promise<AppModules> {
  const load = (file: string) => import(pathToFileURL(join(root, file)).href);
  let app, db, shipping, server;
  try {
    [app, db, shipping, server] = await Promise.all([
      load("src/app.ts"),
      load("src/lib/db.ts"),
      load("src/lib/shipping.ts"),
      load("src/server.ts"),
    ]);
  } catch (error) {
    throw new Error(`the app in ${root} does not load: ${(error as Error).message}`, { cause: error });
  }
  return { createApp: app.createApp, createDb: db.createDb, createShippingClient: shipping.createShippingClient, serve: server.serve };
}

/** A stand-in for the carrier aggregator that can be taken down and brought back on one port. */
async function startShippingStub() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      // No keep-alive: after a restart every call must open a new connection, as Lambda's do.
      res.writeHead(200, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ quotes: [{ carrier: "DHL", priceCents: 690, etaDays: 2 }, { carrier: "UPS", priceCents: 1190, etaDays: 1 }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  let up = true;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    async setUp(wanted: boolean) {
      if (wanted === up) return;
      up = wanted;
      if (!wanted) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        return;
      }
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    async stop() {
      if (up) await this.setUp(false);
    },
  };
}

const TELEMETRY_AGENT = `// @acme/telemetry-agent 2.3.1: batches spans and ships them to the collector.
const MAX_BATCH = 100;

export function createAgent(options) {
  const state = { pending: null, queue: [], onError: options.onError ?? (() => {}) };
  return {
    record(span) {
      state.queue.push(span);
      if (state.queue.length >= MAX_BATCH) flushSoon(state);
    },
    flush() {
      flushSoon(state);
    },
  };
}

function flushSoon(state) {
  state.pending = { spans: state.queue.splice(0), attempt: 0 };
  setTimeout(() => {
    try {
      sendBatch(state);
    } catch (error) {
      state.onError(error);
    }
  }, 0);
}

function sendBatch(state) {
  const body = encodeBatch(state.pending);
  state.pending = null;
  return body;
}

function encodeBatch(batch) {
  return JSON.stringify({ count: batch.spans.length, spans: batch.spans });
}
`;

/** Runs the agent's real double-flush race (a Lambda freeze between two flush timers). */
async function crashTelemetryAgent(agentRoot: string): Promise<Error> {
  const agent = await import(pathToFileURL(join(agentRoot, "node_modules/@acme/telemetry-agent/dist/index.js")).href);
  return new Promise((resolve) => {
    const instance = agent.createAgent({ onError: resolve });
    instance.record({ name: "GET /products", durationMs: 12 });
    instance.flush();
    instance.flush();
  });
}

async function writeTelemetryAgent(agentRoot: string): Promise<void> {
  const dir = join(agentRoot, "node_modules/@acme/telemetry-agent");
  await mkdir(join(dir, "dist"), { recursive: true });
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "@acme/telemetry-agent", version: "2.3.1", type: "module", main: "dist/index.js" }));
  await writeFile(join(dir, "dist/index.js"), TELEMETRY_AGENT);
}

async function writeFixedCopy(fixedRoot: string): Promise<void> {
  await cp(join(APP_ROOT, "src"), join(fixedRoot, "src"), { recursive: true });
  await cp(join(APP_ROOT, "package.json"), join(fixedRoot, "package.json"));
  for (const file of new Set(referenceFixes.map((fix) => fix.file))) {
    const original = await readFile(join(APP_ROOT, file), "utf8");
    await writeFile(join(fixedRoot, file), applyFixes(file, original));
  }
}

// ---------------------------------------------------------------- events

interface GenericEvent {
  event_id: string;
  timestamp: string;
  level: "error" | "info";
  environment: "production";
  release: string;
  exception?: { type: string; value: string; stacktrace: string };
  request?: { method: string; url: string; status: number; duration_ms: number };
  user?: { id: string };
  tags: Record<string, string>;
}

interface Recorded {
  kind: Kind;
  event: GenericEvent;
}

function deployPaths(text: string, localRoots: string[]): string {
  let result = text;
  for (const root of localRoots) {
    const withSlash = root.endsWith("/") ? root : `${root}/`;
    result = result.split(pathToFileURL(withSlash).href).join(DEPLOY_ROOT).split(withSlash).join(DEPLOY_ROOT);
  }
  return result;
}

function checkError(plan: Planned, error: unknown): Error | null {
  if (plan.kind === "healthy") {
    if (error) throw new Error(`healthy ${plan.method} ${plan.path} threw: ${(error as Error).stack}`);
    return null;
  }
  const expected = EXPECTED[plan.kind];
  if (!(error instanceof Error) || error.name !== expected.type || !expected.message.test(error.message)) {
    throw new Error(`${plan.kind} at ${plan.method} ${plan.path} did not fail as planned: ${(error as Error | undefined)?.stack ?? "no error"}`);
  }
  const causeCode = (error.cause as { code?: string } | undefined)?.code;
  if (expected.causeCode && causeCode !== expected.causeCode) {
    throw new Error(`${plan.kind} failed with cause ${causeCode}, expected ${expected.causeCode}`);
  }
  return error;
}

/** Whatever the code threw, as the error tracker would get it; nothing is expected. */
function observedError(plan: Planned, error: unknown): Error | null {
  if (error === undefined) return null;
  if (error instanceof Error) return error;
  throw new Error(`${plan.method} ${plan.path} threw a ${typeof error} that is not an Error; the recorder keeps only real stacks`);
}

function toEvent(plan: Planned, release: string, error: Error | null, status: number | null, localRoots: string[], shippingPort: number): GenericEvent {
  const tags = { ...plan.tags };
  const cause = error?.cause as { code?: string; message?: string } | undefined;
  if (cause?.code) {
    tags.cause_code = cause.code;
    tags.cause = String(cause.message).replace(`127.0.0.1:${shippingPort}`, SHIPPING_PUBLIC_ADDRESS);
  }
  const hasRequest = plan.method !== undefined && plan.path !== undefined && status !== null;
  // Key order follows the contract in the README so the file reads like the documentation.
  return {
    event_id: plan.eventId,
    timestamp: new Date(plan.at).toISOString(),
    level: error ? "error" : "info",
    environment: "production",
    release,
    ...(error ? { exception: { type: error.name, value: error.message, stacktrace: deployPaths(error.stack ?? "", localRoots) } } : {}),
    ...(hasRequest ? { request: { method: plan.method!, url: `${PUBLIC_ORIGIN}${plan.path}`, status: status!, duration_ms: plan.durationMs } } : {}),
    ...(plan.userId ? { user: { id: plan.userId } } : {}),
    tags,
  };
}

interface Run {
  appRoot: string;
  agentRoot: string;
  release: string;
  /** As planned: every request must fail or succeed as its plan says. Observed: record what happens. */
  outcomes: "as-planned" | "observed";
}

/** A request the app never answers is a hang in the code under test; stop there, loudly. */
const REQUEST_TIMEOUT_MS = 10_000;

async function record(plans: Planned[], run: Run): Promise<Recorded[]> {
  const { appRoot, agentRoot, release } = run;
  const modules = await loadApp(appRoot);
  const shipping = await startShippingStub();
  let captured: unknown = undefined;
  const app = modules.createApp({
    db: modules.createDb(),
    shipping: modules.createShippingClient({ baseUrl: shipping.baseUrl }),
    onError(error) {
      captured = error;
    },
  });
  const server: Server = await modules.serve(app, 0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const localRoots = [appRoot, agentRoot];
  const recorded: Recorded[] = [];
  try {
    for (const plan of plans) {
      captured = undefined;
      let status: number | null = null;
      if (plan.kind === "third-party-agent-crash") {
        captured = await crashTelemetryAgent(agentRoot);
      } else {
        await shipping.setUp(plan.shippingUp);
        const headers: Record<string, string> = { "user-agent": `acme-shop/${plan.tags.client ?? "unknown"}` };
        if (plan.userId) headers["x-user-id"] = plan.userId;
        if (plan.body) headers["content-type"] = "application/json";
        const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        try {
          const response = await fetch(`${base}${plan.path}`, { method: plan.method, headers, body: plan.body, signal });
          await response.arrayBuffer();
          status = response.status;
        } catch (error) {
          throw new Error(`${plan.method} ${plan.path}: no answer from the app in ${appRoot}: ${(error as Error).message}`, { cause: error });
        }
      }
      const error = run.outcomes === "as-planned" ? checkError(plan, captured) : observedError(plan, captured);
      recorded.push({ kind: plan.kind, event: toEvent(plan, release, error, status, localRoots, shipping.port) });
    }
  } finally {
    server.closeAllConnections();
    server.close();
    await shipping.stop();
  }
  return recorded;
}

/** Re-sends some events a few lines later, as a reporter retrying after a lost acknowledgement does. */
function withDuplicates(recorded: Recorded[], share: number, rng: Rng): { lines: string[]; duplicates: number } {
  const lines = recorded.map((item) => JSON.stringify(item.event));
  const count = Math.round(lines.length * share);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(int(rng, 0, lines.length - 2));
  const out: string[] = [];
  const pending: Array<{ at: number; line: string }> = [];
  lines.forEach((line, index) => {
    out.push(line);
    if (chosen.has(index)) pending.push({ at: index + int(rng, 1, 6), line });
    for (const retry of pending.filter((item) => item.at === index)) out.push(retry.line);
  });
  for (const retry of pending.filter((item) => item.at >= lines.length)) out.push(retry.line);
  return { lines: out, duplicates: count };
}

// ---------------------------------------------------------------- summary for tests and readers

const CLASSES: Record<Exclude<Kind, "healthy">, string> = {
  "user-not-found": "property-read-on-undefined",
  "order-body-not-json": "json-parse-request-body",
  "format-price-not-imported": "not-defined-missing-import",
  "tags-not-an-array": "not-a-function-on-non-array",
  "discount-total-const": "assignment-to-constant",
  "shipping-upstream-down": "transient-upstream",
  "third-party-agent-crash": "third-party-only",
};

interface Frame {
  function: string;
  file: string;
  line: number;
}

/** The first frame in the app's own code: under /var/task/src/, never node_modules. */
function culprit(stack: string): Frame | null {
  for (const line of stack.split("\n")) {
    const match = /^\s+at (?:async )?(.+?) \(\/var\/task\/(src\/[^:]+):(\d+):\d+\)$/.exec(line);
    if (match) return { function: match[1], file: match[2], line: Number(match[3]) };
  }
  return null;
}

async function fixLocation(bug: string): Promise<{ file: string; line: number } | null> {
  const fix = referenceFixes.find((candidate) => candidate.bug === bug);
  if (!fix) return null;
  const source = await readFile(join(APP_ROOT, fix.file), "utf8");
  const startLine = source.slice(0, source.indexOf(fix.find)).split("\n").length;
  const before = fix.find.split("\n");
  const after = fix.replace.split("\n");
  let same = 0;
  while (same < before.length && before[same] === after[same]) same += 1;
  return { file: fix.file, line: startLine + same };
}

function routeOf(url: string): string {
  return new URL(url).pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
}

/**
 * What readers and tests may rely on. The post-deploy counts are those of the reference fixes: a
 * yardstick for what a correct fix yields under that traffic, not a record of any other fix.
 */
async function summarize(incident: Recorded[], reference: Recorded[], incidentLines: string[]) {
  const groups = [];
  for (const kind of Object.keys(CLASSES) as Array<Exclude<Kind, "healthy">>) {
    const events = incident.filter((item) => item.kind === kind).map((item) => item.event);
    const first = events[0];
    const stack = first.exception?.stacktrace ?? "";
    groups.push({
      id: kind,
      class: CLASSES[kind],
      decoy: kind === "shipping-upstream-down" || kind === "third-party-agent-crash",
      error_type: first.exception?.type,
      message: first.exception?.value,
      events: events.length,
      users: new Set(events.map((event) => event.user?.id).filter(Boolean)).size,
      route: first.request ? `${first.request.method} ${routeOf(first.request.url)}` : null,
      culprit: culprit(stack),
      fix: await fixLocation(kind),
      post_deploy_events_on_reference_fixes: reference.filter((item) => item.kind === kind).length,
    });
  }
  const describe = (recorded: Recorded[]) => ({
    error_events: recorded.filter((item) => item.event.exception).length,
    request_only_events: recorded.filter((item) => !item.event.exception).length,
    first_timestamp: recorded[0].event.timestamp,
    last_timestamp: recorded[recorded.length - 1].event.timestamp,
    release: recorded[0].event.release,
  });
  return {
    generated_by: "incident/record-incident.ts",
    node: process.version,
    incident: {
      file: "incident/events.jsonl",
      lines: incidentLines.length,
      unique_events: incident.length,
      duplicate_lines: incidentLines.length - incident.length,
      ...describe(incident),
    },
    post_deploy_on_reference_fixes: { unique_events: reference.length, ...describe(reference) },
    groups,
  };
}

// ---------------------------------------------------------------- main

const USAGE = "usage: node --import tsx incident/record-incident.ts [--post-deploy CHECKOUT --out FILE]";

class UsageError extends Error {}

/** The committed incident files, and the post-deploy plan checked against the reference fixes. */
async function recordIncident(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "shop-api-incident-"));
  const agentRoot = join(work, "agent");
  const fixedRoot = join(work, "fixed");
  try {
    await writeTelemetryAgent(agentRoot);
    await writeFixedCopy(fixedRoot);

    const incident = await record(planIncident(), { appRoot: APP_ROOT, agentRoot, release: "v1.4.2", outcomes: "as-planned" });
    const reference = await record(planPostDeploy(), { appRoot: fixedRoot, agentRoot, release: "v1.4.3", outcomes: "as-planned" });
    const incidentFile = withDuplicates(incident, 0.04, mulberry32(0x5eed_d0b1));

    await writeFile(join(INCIDENT_DIR, "events.jsonl"), `${incidentFile.lines.join("\n")}\n`);
    const summary = await summarize(incident, reference, incidentFile.lines);
    await writeFile(join(INCIDENT_DIR, "expected.json"), `${JSON.stringify(summary, null, 2)}\n`);

    console.log(`events.jsonl: ${incidentFile.lines.length} lines (${incident.length} events, ${incidentFile.duplicates} duplicates)`);
    for (const group of summary.groups) {
      const where = group.culprit ? `${group.culprit.file}:${group.culprit.line}` : "node_modules only";
      console.log(`  ${String(group.events).padStart(3)}  ${group.id.padEnd(26)} ${where.padEnd(26)} ${group.error_type}: ${group.message}`);
    }
    console.log(`post-deploy plan on the reference fixes: ${reference.length} requests, ${summary.post_deploy_on_reference_fixes.error_events} errors (the upstream outage only)`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The traffic after the deploy, sent to the code in `checkout`, written to `out`. */
async function recordPostDeploy(checkoutPath: string, out: string): Promise<void> {
  if (!existsSync(join(checkoutPath, "src", "app.ts"))) throw new UsageError(`${checkoutPath} is not a checkout of shop-api: no src/app.ts`);
  // Stacks name real paths; a checkout behind a symlink must still be rewritten to /var/task/.
  const checkout = await realpath(checkoutPath);
  const work = await realpath(await mkdtemp(join(tmpdir(), "shop-api-post-deploy-")));
  const agentRoot = join(work, "agent");
  try {
    await writeTelemetryAgent(agentRoot);
    const recorded = await record(planPostDeploy(), { appRoot: checkout, agentRoot, release: "v1.4.3", outcomes: "observed" });
    const file = withDuplicates(recorded, 0.025, mulberry32(0x5eed_d0b2));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${file.lines.join("\n")}\n`);

    const errors = new Map<string, number>();
    for (const { event } of recorded) {
      if (!event.exception) continue;
      const title = `${event.exception.type}: ${event.exception.value.replace(/position \d+/, "position N")}`;
      errors.set(title, (errors.get(title) ?? 0) + 1);
    }
    const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
    console.log(`${out}: ${file.lines.length} lines (${recorded.length} requests, ${file.duplicates} duplicates), ${errorCount} errors`);
    for (const [title, count] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(3)}  ${title}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(args: string[]): Promise<void> {
  let values: { "post-deploy"?: string; out?: string };
  try {
    ({ values } = parseArgs({ args, options: { "post-deploy": { type: "string" }, out: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values["post-deploy"] === undefined && values.out === undefined) return recordIncident();
  if (!values["post-deploy"] || !values.out) throw new UsageError("--post-deploy and --out go together");
  return recordPostDeploy(resolve(values["post-deploy"]), resolve(values.out));
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`record-incident: ${(error as Error).message}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
