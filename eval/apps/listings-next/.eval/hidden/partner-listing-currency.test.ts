import { afterEach, describe, expect, it } from "vitest";
import { GET as search } from "../app/api/listings/route.ts";
import { db } from "../lib/db.ts";

const money = (locale: string, currency: string, amount: number) =>
  new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);

// ImmoFeed partner listings carry no currency: the market's currency applies.
describe("search results with partner listings", () => {
  const added: string[] = [];
  afterEach(() => {
    for (const id of added.splice(0)) db.listings.splice(db.listings.findIndex((l) => l.id === id), 1);
  });

  it("prices them in the market currency", async () => {
    const res = await search(new Request("https://www.casanorte.pt/api/listings?market=lisbon&maxPrice=650000"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.map((r: { id: string }) => r.id)).toEqual(["L-40217", "L-40211", "IF-88410"]);
    expect(body.results[2].price).toBe(money("pt-PT", "EUR", 612000));
  });

  it("uses pounds in London", async () => {
    db.listings.push({ id: "IF-90001", market: "london", title: "Studio, Bow", price: 450000, bedrooms: 1, areaM2: 38, source: "immofeed", photos: [] });
    added.push("IF-90001");
    const res = await search(new Request("https://www.casanorte.pt/api/listings?market=london"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.map((r: { price: string }) => r.price)).toEqual(["£450,000", "£585,000"]);
  });
});
