import { describe, expect, it } from "vitest";
import { GET as show } from "../app/api/listings/[id]/route.ts";

// A photo deleted in the CMS leaves null in its gallery slot.
describe("a listing page with a deleted photo", () => {
  it("shows the remaining photos", async () => {
    const res = await show(new Request("https://www.casanorte.pt/api/listings/L-40217"), { params: Promise.resolve({ id: "L-40217" }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/undefined|NaN|null/);
    const body = JSON.parse(text);
    expect(body.gallery).toEqual([
      { src: "https://img.casanorte.pt/l/40217/1.jpg?w=1200&fm=webp", aspect: 1.5 },
      { src: "https://img.casanorte.pt/l/40217/3.jpg?w=1200&fm=webp", aspect: 0.75 },
    ]);
    expect(body.title).toBe("Renovated T1 in Graça");
  });
});
