// Records freight-rates v4.0.7 on AWS Lambda during the Monday booking peak: the SQS consumer
// pricing booking batches (with Lambda's retries of failed batches), the quote API behind API
// Gateway, and a crash inside the metrics layer every function bundles.
//
// Each handler is invoked for real with events shaped as Lambda delivers them; the app's
// withReporting wrapper hands over what escaped. The metrics layer is a small package written to
// a temporary node_modules and run for real.
//
//   node .eval/record.mjs

import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkOutcome, mulberry32, productionRoots, randomTools, summarize, toEvent, writeEvents, writePackage } from "./kit.mjs";

const APP_ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = fileURLToPath(new URL("./events.jsonl", import.meta.url));
const DEPLOY_ROOT = "/var/task/";
const ORIGIN = "https://rates.parcelpoint.eu/prod";
const RELEASE = "v4.0.7";
const START = Date.parse("2026-11-23T06:30:00.000Z");
const WINDOW = 30 * 60_000;

const EXPECTED = {
  "carrier-tariff-missing": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'zones'\)$/ },
  "quote-currency-invalid": { type: "RangeError", message: /^Invalid currency code : .+$/, status: 500 },
  "metrics-layer-crash": { type: "TypeError", message: /^Cannot read properties of undefined \(reading 'points'\)$/ },
};

const METRICS_LAYER = {
  "lib/index.js": `'use strict';
// @shipfast/lambda-metrics 1.8.2: buffers metric points and ships them as EMF log lines.
const { scheduleFlush } = require('./flush');

const buffers = new Map();

function createMetrics({ namespace, onError = () => {} }) {
  return {
    put(name, value, unit = 'Count') {
      if (!buffers.has(namespace)) buffers.set(namespace, { namespace, points: [] });
      buffers.get(namespace).points.push({ name, value, unit });
    },
    flush() {
      scheduleFlush(buffers, namespace, onError);
    },
  };
}

module.exports = { createMetrics };
`,
  "lib/flush.js": `'use strict';

function scheduleFlush(buffers, namespace, onError) {
  setTimeout(() => {
    const buffer = buffers.get(namespace);
    buffers.delete(namespace);
    try {
      writeEmf(buffer);
    } catch (error) {
      onError(error);
    }
  }, 0);
}

function writeEmf(buffer) {
  const metrics = buffer.points.map((point) => ({ Name: point.name, Unit: point.unit }));
  return JSON.stringify({ _aws: { CloudWatchMetrics: [{ Namespace: buffer.namespace, Metrics: metrics }] } });
}

module.exports = { scheduleFlush };
`,
};

const require = createRequire(import.meta.url);
const consumer = require("../src/handlers/price-shipments.js");
const quotes = require("../src/handlers/quote-api.js");
const { setErrorSink } = require("../src/lib/reporting.js");
const { createDeadLetters, createMemoryLedger } = require("../src/ledger.js");

const r = randomTools(mulberry32(0xf4e16407));
const KNOWN = ["DHL", "UPS", "DPD"];
// Contracts signed last week; their tariffs are not in this release's settings.
const NEW_CARRIERS = ["GLS", "POSTNORD"];
const CLIENTS = ["parcelpoint-web/2026.11.3", "Shopify-ParcelPoint/1.4", "WooCommerce-ParcelPoint/0.9.8"];

let shipmentSeq = 804_113;
function booking(carrier) {
  shipmentSeq += r.int(1, 9);
  return { shipmentId: `SHP-${shipmentSeq}`, carrier, weightKg: Math.round((0.2 + r.rng() * 24) * 10) / 10, zone: r.int(1, 3), merchant: `m_${r.int(100, 460)}` };
}
let messageSeq = 0;
function sqsRecord(body, at) {
  messageSeq += 1;
  return {
    messageId: `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-8${r.hex(3)}-${r.hex(12)}`,
    receiptHandle: `AQEB${r.hex(40)}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: "1", SentTimestamp: String(at - r.int(200, 4000)), SenderId: "AROAEXAMPLE:booking-api" },
    messageAttributes: {},
    md5OfBody: r.hex(32),
    eventSource: "aws:sqs",
    eventSourceARN: "arn:aws:sqs:eu-central-1:210987654321:bookings",
    awsRegion: "eu-central-1",
  };
}

const plans = [];
function add(kind, plan) {
  plans.push({ kind, id: r.uuid(), ...plan });
}

for (let i = 0; i < 30; i += 1) {
  const at = r.timeIn(START, WINDOW);
  const records = Array.from({ length: r.int(1, 10) }, () => sqsRecord(booking(r.pick(KNOWN)), at));
  add("healthy", { at, label: "bookings batch", sqs: { Records: records } });
}
// Batches that carry a booking for a new carrier fail whole; Lambda retries each one twice.
for (let i = 0; i < 5; i += 1) {
  const at = r.timeIn(START, WINDOW - 6 * 60_000);
  const records = Array.from({ length: r.int(0, 6) }, () => sqsRecord(booking(r.pick(KNOWN)), at));
  records.splice(r.int(0, records.length), 0, sqsRecord(booking(r.pick(NEW_CARRIERS)), at));
  const retries = i < 2 ? 3 : i < 4 ? 2 : 1;
  for (let attempt = 0; attempt < retries; attempt += 1) {
    const retried = records.map((record) => ({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: String(attempt + 1) } }));
    add("carrier-tariff-missing", { at: at + attempt * r.int(30_000, 90_000), label: "bookings batch", sqs: { Records: retried }, tags: { function: "price-shipments", receive_count: String(attempt + 1) } });
  }
}

function quoteEvent(query, at) {
  const search = new URLSearchParams(query).toString();
  return {
    resource: "/quotes",
    path: "/quotes",
    httpMethod: "GET",
    headers: { accept: "application/json", "user-agent": r.pick(CLIENTS), "x-forwarded-for": `${r.int(31, 95)}.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}`, "x-amzn-trace-id": `Root=1-${Math.floor(at / 1000).toString(16)}-${r.hex(24)}` },
    queryStringParameters: query,
    requestContext: { stage: "prod", requestId: r.uuid(), requestTimeEpoch: at },
    body: null,
    isBase64Encoded: false,
    search,
  };
}
for (let i = 0; i < 64; i += 1) {
  const at = r.timeIn(START, WINDOW);
  const query = { carrier: r.pick(["DHL", "UPS", "DPD", "dhl"]), weightKg: String(Math.round((0.3 + r.rng() * 20) * 10) / 10), zone: String(r.int(1, 3)) };
  if (r.chance(0.6)) query.currency = r.pick(["EUR", "GBP", "gbp", "USD", "CHF", "SEK", "PLN"]);
  add("healthy", { at, api: quoteEvent(query, at), expectStatus: 200 });
}
for (const query of [{ carrier: "FEDEX", weightKg: "2" }, { carrier: "GLS", weightKg: "1.5", zone: "1" }, { carrier: "DHL", weightKg: "0" }]) {
  const at = r.timeIn(START, WINDOW);
  add("healthy", { at, api: quoteEvent(query, at), expectStatus: 400 });
}
// Shop plugins pass whatever the merchant typed into "currency" in their settings page.
for (let i = 0; i < 13; i += 1) {
  const at = r.timeIn(START, WINDOW);
  const query = { carrier: r.pick(KNOWN), weightKg: String(Math.round((0.3 + r.rng() * 12) * 10) / 10), zone: String(r.int(1, 3)), currency: r.pick(["EURO", "€", "US$", "EURO", "Pound", "zł"]) };
  add("quote-currency-invalid", { at, api: quoteEvent(query, at), user: `m_${r.int(100, 460)}` });
}
for (let i = 0; i < 3; i += 1) add("metrics-layer-crash", { at: r.timeIn(START, WINDOW), label: "metrics flush", tags: { function: r.pick(["price-shipments", "quote-api"]), handled: "no" } });
for (const plan of plans) plan.durationMs = r.latency(plan.sqs ? 140 : 35);
plans.sort((a, b) => a.at - b.at);

const layerRoot = await mkdtemp(join(tmpdir(), "freight-layer-"));
const events = [];
try {
  await writePackage(layerRoot, "@shipfast/lambda-metrics", "1.8.2", METRICS_LAYER);
  const { createMetrics } = require(join(layerRoot, "node_modules/@shipfast/lambda-metrics/lib/index.js"));
  const roots = productionRoots(APP_ROOT, DEPLOY_ROOT, [{ local: join(layerRoot, "node_modules"), deploy: `${DEPLOY_ROOT}node_modules/` }]);

  let captured = null;
  setErrorSink((error) => (captured = error));
  const quiet = { warn() {} };
  const priceShipments = consumer.createHandler({ ledger: createMemoryLedger(), deadLetters: createDeadLetters(quiet) });
  const quoteApi = quotes.createHandler();
  const context = (plan) => ({ awsRequestId: plan.id, functionName: plan.sqs ? "price-shipments" : "quote-api" });

  for (const plan of plans) {
    captured = null;
    let status;
    if (plan.sqs) {
      try {
        await priceShipments(plan.sqs, context(plan));
      } catch {
        // the Lambda runtime marks the invocation failed; the reporter already has the error
      }
    } else if (plan.api) {
      const { search, ...event } = plan.api;
      const response = await quoteApi(event, context(plan));
      status = response.statusCode;
    } else {
      captured = await new Promise((resolve) => {
        const metrics = createMetrics({ namespace: "ParcelPoint/Rates", onError: resolve });
        metrics.put("QuotesServed", r.int(1, 40));
        // Freeze and thaw between two invocations: both schedule a flush of the same buffer.
        metrics.flush();
        metrics.flush();
      });
    }
    checkOutcome(plan, { status, error: captured }, EXPECTED);
    if (!plan.api && !captured) continue;
    const request = plan.api
      ? { method: "GET", url: `${ORIGIN}/quotes?${plan.api.search}`, status, durationMs: plan.durationMs, headers: { host: new URL(ORIGIN).host, ...plan.api.headers } }
      : undefined;
    events.push(toEvent({ id: plan.id, at: plan.at, release: RELEASE, error: captured, roots, request, user: plan.user, tags: { region: "eu-central-1", ...(plan.tags ?? { function: "quote-api" }) } }));
  }
} finally {
  await rm(layerRoot, { recursive: true, force: true });
}

await writeEvents(OUT, events);
console.log(summarize(plans, events));
