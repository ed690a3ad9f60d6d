// Records listings-next v0.9.12 on Vercel on a Sunday evening, the portal's busiest hour:
// house hunters search Lisbon, Porto and London, open listing pages and ask for viewings. The
// ImmoFeed partner import added listings without a currency last week, and an agent deleted a
// photo of L-40217 in the CMS. The route handlers are called as Next.js calls them (a web
// Request, params as a promise); a handler that throws is answered 500 and reported.
//
//   node --import tsx .eval/record.mjs

import { fileURLToPath } from "node:url";
import { createRecording } from "../../../tools/recorder.mjs";
import { GET as search } from "../app/api/listings/route.ts";
import { GET as show } from "../app/api/listings/[id]/route.ts";
import { POST as requestViewing } from "../app/api/listings/[id]/viewings/route.ts";
import { db } from "../lib/db.ts";

const rec = createRecording({
  appRoot: fileURLToPath(new URL("../", import.meta.url)),
  deployRoot: "/var/task/",
  release: "a41c9e2",
  origin: "https://www.casanorte.pt",
  start: "2026-11-22T20:00:00Z",
  seed: 0x11571,
  tags: { runtime: "nodejs20.x", vercel_region: "cdg1" },
  recordedHeaders: (item) => ({ "x-vercel-id": `cdg1::${item.eventId.slice(0, 5)}-${item.at}` }),
});
const { rand } = rec;

rec.expect("partner-listing-currency", { type: "TypeError", message: /^Currency code is required with currency style\.$/, status: 500 });
rec.expect("deleted-photo-slot", { type: "TypeError", message: /^Cannot destructure property 'url' of 'object null' as it is null\.$/, status: 500 });

const BROWSERS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
];
const headers = () => ({ "user-agent": rand.pick(BROWSERS), accept: "application/json", "accept-language": rand.pick(["pt-PT,pt;q=0.9", "en-GB,en;q=0.8", "de-DE,de;q=0.7"]) });

function hasPartnerResult(market, minBeds, maxPrice) {
  return db.listings.some((l) => l.market === market && l.bedrooms >= minBeds && l.price <= maxPrice && !l.currency);
}

for (let i = 0; i < 48; i += 1) {
  const market = rand.pick(["lisbon", "lisbon", "porto", "london"]);
  const minBeds = rand.pick([0, 1, 2, 3]);
  const maxPrice = rand.pick([350000, 400000, 500000, 650000, 800000]);
  const query = `?market=${market}${minBeds ? `&minBeds=${minBeds}` : ""}&maxPrice=${maxPrice}`;
  const kind = hasPartnerResult(market, minBeds, maxPrice) ? "partner-listing-currency" : "ok";
  rec.add({ kind, route: "search", request: { method: "GET", path: `/api/listings${query}`, headers: headers() }, ms: kind === "ok" ? 38 : 9 });
}
for (let i = 0; i < 40; i += 1) {
  const id = rand.pick(["L-40211", "L-40217", "L-40302", "L-51007", "IF-88410", "IF-88455", "L-40217"]);
  rec.add({ kind: id === "L-40217" ? "deleted-photo-slot" : "ok", route: "show", id, request: { method: "GET", path: `/api/listings/${id}`, headers: headers() }, ms: 24 });
}
for (let i = 0; i < 9; i += 1) {
  const id = rand.pick(["L-40211", "L-40302", "L-51007", "IF-88410"]);
  const json = { name: rand.pick(["Rita Sousa", "Tom Becker", "Inês Lopes", "Sam Carter"]), email: `${rand.hex(6)}@example.com`, slot: `2026-11-${rand.int(24, 28)}T${rand.pick(["10", "12", "17"])}:00:00Z` };
  rec.add({ kind: "ok", status: 201, route: "viewing", id, request: { method: "POST", path: `/api/listings/${id}/viewings`, headers: headers(), json } });
}

async function call(item) {
  const url = `https://www.casanorte.pt${item.request.path}`;
  const init = { method: item.request.method, headers: item.request.headers };
  if (item.request.json) init.body = JSON.stringify(item.request.json);
  const request = new Request(url, init);
  const context = { params: Promise.resolve({ id: item.id }) };
  if (item.route === "search") return search(request);
  if (item.route === "show") return show(request, context);
  return requestViewing(request, context);
}

await rec.run(async (item) => {
  try {
    const response = await call(item);
    return { status: response.status };
  } catch (error) {
    return { status: 500, error };
  }
});
await rec.write();
