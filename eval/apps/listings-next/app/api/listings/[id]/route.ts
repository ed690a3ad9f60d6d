import { db } from "../../../../lib/db.ts";
import { cdn, formatPrice } from "../../../../lib/format.ts";
import { MARKETS } from "../../../../lib/markets.ts";

type Context = { params: Promise<{ id: string }> };

export async function GET(_request: Request, { params }: Context) {
  const { id } = await params;
  const listing = db.find(id);
  if (!listing) return Response.json({ error: "Listing not found" }, { status: 404 });

  const market = MARKETS[listing.market];
  const currency = listing.currency ?? market.currency;
  const gallery = listing.photos.map(({ url, width, height }) => ({ src: cdn(url, 1200), aspect: Math.round((width / height) * 100) / 100 }));

  return Response.json({
    id: listing.id,
    title: listing.title,
    price: formatPrice(listing.price, currency, market.locale),
    bedrooms: listing.bedrooms,
    areaM2: listing.areaM2,
    pricePerM2: formatPrice(Math.round(listing.price / listing.areaM2), currency, market.locale),
    gallery,
  });
}
