import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/ingest/event.ts";
import { bodyFromText, boundBody, normalizeHeaders, withQueryString } from "../../src/ingest/request-evidence.ts";
import { utf8Length } from "../../src/ingest/sanitize.ts";
import { TRUNCATED } from "../../src/ingest/scrub.ts";

describe("normalizeHeaders", () => {
  it("lowercases names, stringifies scalars, joins lists and drops other values", () => {
    expect(
      normalizeHeaders(
        Object.entries({
          "Content-Type": "application/json",
          " X-Retry ": 2,
          "X-Flag": true,
          Accept: ["text/html", "application/json"],
          "X-Object": { a: 1 },
          "X-Null": null,
          "": "empty name",
        }),
      ),
    ).toEqual({ "content-type": "application/json", "x-retry": "2", "x-flag": "true", accept: "text/html, application/json" });
  });

  it("joins a repeated name as HTTP does, keeps at most 50 names and cuts values at 1,024 characters", () => {
    expect(normalizeHeaders([["Via", "a"], ["via", "b"]])).toEqual({ via: "a, b" });
    const many = normalizeHeaders(Array.from({ length: 80 }, (_, i) => [`x-h${i}`, "v"] as const))!;
    expect(Object.keys(many)).toHaveLength(50);
    expect(many["x-h49"]).toBe("v");
    expect(many["x-h50"]).toBeUndefined();
    expect(normalizeHeaders([["x-long", "y".repeat(5000)]])!["x-long"]).toHaveLength(1024);
  });

  it("returns null when nothing is left", () => {
    expect(normalizeHeaders([])).toBeNull();
    expect(normalizeHeaders([[1, "x"], ["x", {}]])).toBeNull();
  });
});

describe("boundBody", () => {
  it("keeps small bodies as they are: JSON structures, non-JSON text, scalars", () => {
    expect(boundBody({ items: ["a"], qty: 2 })).toEqual({ body: { items: ["a"], qty: 2 }, truncated: false });
    expect(boundBody("name=ana&qty=2")).toEqual({ body: "name=ana&qty=2", truncated: false });
    expect(boundBody(42)).toEqual({ body: 42, truncated: false });
    expect(boundBody(null)).toBeNull();
    expect(boundBody(undefined)).toBeNull();
  });

  it("cuts a text body over 16 KiB to 16 KiB on a code-point boundary", () => {
    const bounded = boundBody(`${"a".repeat(MAX_BODY_BYTES - 1)}\u{1F600}tail`)!;
    expect(bounded.truncated).toBe(true);
    expect(bounded.body).toBe("a".repeat(MAX_BODY_BYTES - 1));
  });

  it("turns a JSON body over 16 KiB into the first 16 KiB of its JSON text", () => {
    const big = { rows: Array.from({ length: 900 }, (_, i) => ({ id: i, note: "é".repeat(10) })) };
    const bounded = boundBody(big)!;
    expect(bounded.truncated).toBe(true);
    expect(typeof bounded.body).toBe("string");
    const text = bounded.body as string;
    expect(utf8Length(text)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(JSON.stringify(big).startsWith(text)).toBe(true);
    expect(utf8Length(text)).toBeGreaterThan(MAX_BODY_BYTES - 30);
  });

  it("cuts structures deeper or wider than scrubbing walks, and marks them truncated", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const bounded = boundBody(deep)!;
    expect(bounded.truncated).toBe(true);
    expect(JSON.stringify(bounded.body)).toBe(`${"[".repeat(10)}${JSON.stringify(TRUNCATED)}${"]".repeat(10)}`);
    const wide = boundBody(Array.from({ length: 1500 }, () => 1))!;
    expect(wide.truncated).toBe(true);
    expect(wide.body).toHaveLength(1001);
    expect((wide.body as unknown[])[1000]).toBe(TRUNCATED);
  });

  it("stops serializing a huge body once it passes 16 KiB", () => {
    const huge = Array.from({ length: 300_000 }, (_, i) => ({ i }));
    const started = performance.now();
    const bounded = boundBody({ huge })!;
    expect(bounded.truncated).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("bodyFromText", () => {
  it("reads text that is a JSON object or array as that structure, and keeps other text", () => {
    expect(bodyFromText('{"plan":"pro_2"}')).toEqual({ plan: "pro_2" });
    expect(bodyFromText("[1,2]")).toEqual([1, 2]);
    expect(bodyFromText('{"plan": ')).toBe('{"plan": ');
    expect(bodyFromText("42")).toBe("42");
    expect(bodyFromText({ a: 1 })).toEqual({ a: 1 });
  });
});

describe("withQueryString", () => {
  it("appends Sentry's query_string in any of its forms when the URL has none", () => {
    expect(withQueryString("https://x.test/users", "page=2&q=a")).toBe("https://x.test/users?page=2&q=a");
    expect(withQueryString("https://x.test/users", "?page=2")).toBe("https://x.test/users?page=2");
    expect(withQueryString("https://x.test/users", { page: 2, q: "a b&c" })).toBe("https://x.test/users?page=2&q=a%20b%26c");
    expect(withQueryString("https://x.test/users", [["page", "2"], ["bad"]])).toBe("https://x.test/users?page=2");
    expect(withQueryString("https://x.test/users?own=1", "page=2")).toBe("https://x.test/users?own=1");
    expect(withQueryString("https://x.test/users", null)).toBe("https://x.test/users");
  });

  it("leaves odd characters for the sanitizing step instead of throwing on them", () => {
    expect(withQueryString("/u", { q: "\ud800" })).toBe("/u?q=\ud800");
  });
});
