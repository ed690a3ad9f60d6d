import { describe, expect, it } from "vitest";
import { routeFromUrl } from "../../src/ingest/route.ts";

describe("routeFromUrl", () => {
  it.each([
    ["https://api.example.com/users/42", "/users/:id"],
    ["/users/42/orders/7?page=2#top", "/users/:id/orders/:id"],
    ["/orders/3f2a1b9c-1234-4abc-8def-1234567890AB", "/orders/:id"],
    ["/files/9fceb02d0ae598e95dc970b74767f19372d61af8", "/files/:id"],
    ["/s/V1StGXR8_Z5jdHi6B-myT", "/s/:id"],
    ["/users/ana@example.com/profile", "/users/:email/profile"],
    ["/users/ana%40example.com", "/users/:email"],
    ["/auth/reset-password-confirmation", "/auth/reset-password-confirmation"],
    ["/api/v1/health", "/api/v1/health"],
    ["/users//42/", "/users/:id"],
    ["/cart;jsessionid=ABC123", "/cart"],
    ["https://example.com", "/"],
    ["https://example.com?x=1", "/"],
    ["", "/"],
    ["users/42", "/users/:id"],
  ])("turns %j into %j", (url, route) => {
    expect(routeFromUrl(url)).toBe(route);
  });

  it("caps the route at 200 characters", () => {
    expect(routeFromUrl(`/${"segment/".repeat(100)}`).length).toBe(200);
    expect(routeFromUrl(`/${"a".repeat(1_000_000)}`).length).toBe(200);
  });
});
