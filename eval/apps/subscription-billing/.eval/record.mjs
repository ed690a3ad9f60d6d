// Records subscription-billing v3.0.2 (Lambda functions behind an API Gateway HTTP API) during a
// pricing-page campaign: the checkout asks for quotes and signs customers up. Checkout 7.2 now
// sends the currency of the visitor's locale, CHF for Swiss visitors, which we do not bill in.
// The payment provider's API refuses connections for two minutes around 10:14. Each handler is
// invoked with the API Gateway v2 event it would get; errors are what withReporting reported.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording, startStub } from "../../../tools/recorder.mjs";
import { handler as plans } from "../src/handlers/plans.ts";
import { handler as quote } from "../src/handlers/quote.ts";
import { handler as subscribe } from "../src/handlers/subscribe.ts";
import { createPayments, usePayments } from "../src/lib/payments.ts";
import { setReporter } from "../src/lib/reporting.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/var/task/",
  release: "billing-v3.0.2",
  origin: "https://billing.tallyho.app",
  start: "2026-11-26T10:00:00Z",
  seed: 0xb111,
  tags: { function: "billing-api", aws_region: "eu-central-1", runtime: "nodejs20.x" },
});
const { rand } = rec;

rec.expect("unbilled-currency", { type: "TypeError", message: /^Cannot read properties of undefined \(reading '[a-z_]+'\)$/, status: 500 });
rec.expect("psp-unreachable", { type: "TypeError", message: /^fetch failed$/, causeCode: "ECONNREFUSED", status: 500 });

const minute = (m) => Date.parse("2026-11-26T10:00:00Z") + m * 60_000;
const PSP_DOWN = [minute(14.1), minute(16.3)];
const PLANS = ["starter_monthly", "team_monthly", "team_annual", "business_annual"];
const MARKETS = [["eur", "DE"], ["eur", "FR"], ["eur", "NL"], ["gbp", "GB"], ["usd", "US"], ["eur", "IE"]];
const CHECKOUT = () => ({ "user-agent": rand.pick(["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"]), "content-type": "application/json", "x-checkout-version": "7.2.0" });

function request(planId, currency, country) {
  return { planId, currency: rand.chance(0.5) ? currency.toUpperCase() : currency, seats: rand.int(1, 25), country, ...(rand.chance(0.3) ? { vatId: `${country}${rand.int(100000000, 999999999)}` } : {}) };
}

for (let i = 0; i < 44; i += 1) {
  const [currency, country] = rand.pick(MARKETS);
  rec.add({ kind: "ok", fn: "quote", request: { method: "POST", path: "/subscriptions/quote", headers: CHECKOUT(), json: request(rand.pick(PLANS), currency, country) }, ms: 18 });
}
for (let i = 0; i < 16; i += 1) {
  rec.add({ kind: "unbilled-currency", fn: "quote", request: { method: "POST", path: "/subscriptions/quote", headers: CHECKOUT(), json: request(rand.pick(PLANS), "CHF", "CH") }, ms: 6 });
}
for (let i = 0; i < 14; i += 1) {
  let at = rec.at(0, 29);
  while (at >= PSP_DOWN[0] - 2_000 && at <= PSP_DOWN[1] + 2_000) at = rec.at(0, 29);
  const [currency, country] = rand.pick(MARKETS);
  rec.add({ kind: "ok", status: 201, at, fn: "subscribe", request: { method: "POST", path: "/subscriptions", headers: CHECKOUT(), json: { customerId: `cus_${rand.hex(14)}`, ...request(rand.pick(PLANS), currency, country) } }, ms: 420 });
}
for (let i = 0; i < 5; i += 1) {
  const at = PSP_DOWN[0] + Math.floor(rand.next() * (PSP_DOWN[1] - PSP_DOWN[0]));
  const [currency, country] = rand.pick(MARKETS);
  rec.add({ kind: "psp-unreachable", at, fn: "subscribe", request: { method: "POST", path: "/subscriptions", headers: CHECKOUT(), json: { customerId: `cus_${rand.hex(14)}`, ...request(rand.pick(PLANS), currency, country) } }, ms: 12 });
}
for (let i = 0; i < 12; i += 1) {
  const currency = rand.pick(["eur", "usd", "gbp"]);
  rec.add({ kind: "ok", fn: "plans", query: { currency }, request: { method: "GET", path: `/plans?currency=${currency}`, headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148" } }, ms: 4 });
}

const psp = await startStub((req, res) => {
  req.resume();
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ id: "ch_3Q", status: "succeeded" }));
  });
});
rec.onCleanup(() => psp.stop());
usePayments(createPayments(psp.url, "sk_live_recorder"));

let reported = null;
setReporter((error) => {
  reported = error;
});
const HANDLERS = { quote, subscribe, plans };

function apiGatewayEvent(item) {
  const [rawPath, rawQueryString = ""] = item.request.path.split("?");
  return {
    version: "2.0",
    routeKey: `${item.request.method} ${rawPath}`,
    rawPath,
    rawQueryString,
    headers: { ...item.request.headers, host: "billing.tallyho.app" },
    ...(item.query ? { queryStringParameters: item.query } : {}),
    requestContext: {
      accountId: "204517238810",
      apiId: "k2v9qz",
      domainName: "billing.tallyho.app",
      http: { method: item.request.method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.10", userAgent: item.request.headers["user-agent"] },
      requestId: item.eventId.slice(0, 18),
      routeKey: `${item.request.method} ${rawPath}`,
      stage: "$default",
      timeEpoch: item.at,
    },
    ...(item.request.json ? { body: JSON.stringify(item.request.json), isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}

await rec.run(async (item) => {
  reported = null;
  await psp.setUp(!(item.at >= PSP_DOWN[0] && item.at <= PSP_DOWN[1]));
  // Called as a plain function, as the Lambda runtime calls the exported handler.
  const handler = HANDLERS[item.fn];
  const result = await handler(apiGatewayEvent(item));
  return { status: result.statusCode, error: reported };
});
await rec.write();
