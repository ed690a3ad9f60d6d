import { describe, expect, it } from "vitest";
import { GET as search } from "../app/api/listings/route.ts";
import { GET as show } from "../app/api/listings/[id]/route.ts";
import { POST as requestViewing } from "../app/api/listings/[id]/viewings/route.ts";

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe("search", () => {
  it("finds London listings priced in pounds", async () => {
    const res = await search(new Request("https://casanorte.pt/api/listings?market=london"));
    const body = await res.json();
    expect(body.results).toEqual([{ id: "L-51007", title: "Two-bed flat, Hackney Wick", bedrooms: 2, price: "£585,000" }]);
  });

  it("refuses an unknown market", async () => {
    const res = await search(new Request("https://casanorte.pt/api/listings?market=madrid"));
    expect(res.status).toBe(400);
  });
});

describe("listing page", () => {
  it("shows price, price per m² and the gallery", async () => {
    const res = await show(new Request("https://casanorte.pt/api/listings/L-40211"), params("L-40211"));
    const body = await res.json();
    expect(body.gallery).toEqual([
      { src: "https://img.casanorte.pt/l/40211/1.jpg?w=1200&fm=webp", aspect: 1.5 },
      { src: "https://img.casanorte.pt/l/40211/2.jpg?w=1200&fm=webp", aspect: 1.33 },
    ]);
    expect(body.price).toBe(new Intl.NumberFormat("pt-PT", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(465000));
  });

  it("prices partner listings in the market currency", async () => {
    const res = await show(new Request("https://casanorte.pt/api/listings/IF-88455"), params("IF-88455"));
    const body = await res.json();
    expect(body.price).toContain("€");
    expect(body.gallery).toEqual([]);
  });

  it("answers 404 for an unknown listing", async () => {
    const res = await show(new Request("https://casanorte.pt/api/listings/L-1"), params("L-1"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Listing not found" });
  });
});

describe("viewing requests", () => {
  it("books a viewing", async () => {
    const res = await requestViewing(
      new Request("https://casanorte.pt/api/listings/L-40302/viewings", { method: "POST", body: JSON.stringify({ name: "Rita", email: "rita@example.pt", slot: "2026-11-21T10:00:00Z" }) }),
      params("L-40302"),
    );
    expect(res.status).toBe(201);
  });

  it("rejects an incomplete request", async () => {
    const res = await requestViewing(new Request("https://casanorte.pt/api/listings/L-40302/viewings", { method: "POST", body: "{}" }), params("L-40302"));
    expect(res.status).toBe(400);
  });
});
