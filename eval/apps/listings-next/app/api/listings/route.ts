import { db } from "../../../lib/db.ts";
import { formatPrice } from "../../../lib/format.ts";
import { MARKETS } from "../../../lib/markets.ts";

// GET /api/listings?market=lisbon&minBeds=2&maxPrice=500000
export async function GET(request: Request) {
  const url = new URL(request.url);
  const market = url.searchParams.get("market");
  if (!market || !MARKETS[market]) {
    return Response.json({ error: "market must be one of " + Object.keys(MARKETS).join(", ") }, { status: 400 });
  }
  const minBeds = Number(url.searchParams.get("minBeds") ?? 0);
  const maxPrice = Number(url.searchParams.get("maxPrice") ?? Infinity);
  const { locale } = MARKETS[market];

  const results = db.listings
    .filter((l) => l.market === market && l.bedrooms >= minBeds && l.price <= maxPrice)
    .sort((a, b) => a.price - b.price)
    .map((l) => ({ id: l.id, title: l.title, bedrooms: l.bedrooms, price: formatPrice(l.price, l.currency!, locale) }));

  return Response.json({ market, count: results.length, results }, { headers: { "cache-control": "s-maxage=60" } });
}
