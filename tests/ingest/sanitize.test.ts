import { describe, expect, it } from "vitest";
import type { NormalizedEvent } from "../../src/ingest/event.ts";
import { MAX_SANITIZED_PATHS, REPLACEMENT_CHARACTER, sanitizeEvent, sanitizeText, truncate, truncateUtf8, utf8Length } from "../../src/ingest/sanitize.ts";

const R = REPLACEMENT_CHARACTER;
const EMOJI = "\u{1F600}"; // two UTF-16 units, four UTF-8 bytes

describe("sanitizeText", () => {
  it.each([
    ["NUL", "a\u0000b", `a${R}b`],
    ["other C0 controls", "bell\u0007 escape\u001b[31m vt\u000b ff\u000c", `bell${R} escape${R}[31m vt${R} ff${R}`],
    ["a lone high surrogate", "x\ud83dy", `x${R}y`],
    ["a lone low surrogate", "x\ude00y", `x${R}y`],
    ["a high surrogate at the end", "end\ud800", `end${R}`],
    ["surrogates in the wrong order", "\ude00\ud83d", `${R}${R}`],
  ])("replaces %s", (_kind, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it("keeps tab, newline, carriage return, emoji and other scripts untouched", () => {
    const text = `TypeError: x\n\tat f (a.ts:1:1)\r\n${EMOJI} über 日本語 \u007f`;
    expect(sanitizeText(text)).toBe(text);
  });
});

describe("truncate", () => {
  it("cuts on a code-point boundary, never half of a surrogate pair", () => {
    const text = `${"a".repeat(8191)}${EMOJI}`;
    expect(truncate(text, 8192)).toBe("a".repeat(8191));
    expect(truncate(`ab${EMOJI}`, 4)).toBe(`ab${EMOJI}`);
    expect(truncate(`ab${EMOJI}c`, 4)).toBe(`ab${EMOJI}`);
    expect(truncate("abc", 2)).toBe("ab");
    expect(sanitizeText(truncate(EMOJI.repeat(100), 51))).toBe(EMOJI.repeat(25));
  });
});

describe("utf8Length and truncateUtf8", () => {
  it("count and cut UTF-8 bytes on code-point boundaries", () => {
    expect(utf8Length("aé€")).toBe(1 + 2 + 3);
    expect(utf8Length(EMOJI)).toBe(4);
    expect(utf8Length("\ud800")).toBe(3);
    expect(utf8Length("x".repeat(10))).toBe(new TextEncoder().encode("x".repeat(10)).length);
    expect(truncateUtf8(`ab${EMOJI}`, 5)).toBe("ab");
    expect(truncateUtf8(`ab${EMOJI}`, 6)).toBe(`ab${EMOJI}`);
    expect(truncateUtf8("ééé", 5)).toBe("éé");
  });
});

function event(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    eventId: "e1",
    timestamp: new Date("2026-11-20T10:00:00Z"),
    level: "error",
    environment: "production",
    release: "v1",
    exception: {
      type: "TypeError",
      value: "Cannot read properties of undefined (reading 'email')",
      frames: [{ file: "src/a.ts", function: "load", line: 1, column: 2, inApp: true }],
    },
    request: { method: "POST", url: "https://x.test/u", route: "/u", status: 500, durationMs: 3 },
    userId: null,
    tags: { region: "eu" },
    fingerprint: null,
    source: "generic",
    ...overrides,
  };
}

describe("sanitizeEvent", () => {
  it("returns an event with nothing to replace as it is, with no record", () => {
    const clean = event();
    expect(sanitizeEvent(clean)).toBe(clean);
    expect(clean.sanitized).toBeUndefined();
  });

  it("replaces unsafe text in every field, keys included, and records each path", () => {
    const dirty = event({
      environment: "prod\u0000",
      release: "v1\ud800",
      exception: {
        type: "Type\u0000Error",
        value: "boom\u0000",
        frames: [
          { file: "src/ok.ts", function: "ok", line: 1, column: 1, inApp: true },
          { file: "src/a\u0000.ts", function: "lo\u0001ad", line: 1, column: 2, inApp: true },
        ],
        causes: [{ type: "Error", value: "cause\ude00", frames: [] }],
      },
      request: {
        method: "POST",
        url: "https://x.test/u\u0000",
        route: "/u\u0000",
        status: 500,
        durationMs: 3,
        headers: { "x-trace\u0000": "a", accept: "b\u0000" },
        body: { items: [{ name: "n\u0000" }], "k\ud800": 1 },
        bodyTruncated: false,
      },
      tags: { "re\u0000gion": "eu", note: "x\u001b" },
      fingerprint: ["fp\u0000"],
    });
    const out = sanitizeEvent(dirty);
    expect(JSON.stringify(out)).not.toMatch(/\\u0000|\\u0001|\\u001b|\\ud800|\\ude00/);
    expect(out.exception?.type).toBe(`Type${R}Error`);
    expect(out.exception?.frames[1]).toEqual({ file: `src/a${R}.ts`, function: `lo${R}ad`, line: 1, column: 2, inApp: true });
    expect(out.request?.headers).toEqual({ [`x-trace${R}`]: "a", accept: `b${R}` });
    expect(out.request?.body).toEqual({ items: [{ name: `n${R}` }], [`k${R}`]: 1 });
    expect(out.tags).toEqual({ [`re${R}gion`]: "eu", note: `x${R}` });
    expect(out.sanitized).toEqual([
      "environment",
      "release",
      "exception.type",
      "exception.value",
      "exception.frames.1.file",
      "exception.frames.1.function",
      "exception.causes.0.value",
      "request.url",
      "request.route",
      `request.headers.x-trace${R}`,
      "request.headers.accept",
      "request.body.items.0.name",
      `request.body.k${R}`,
      `tags.re${R}gion`,
      "tags.note",
      "fingerprint.0",
    ]);
    // The input is not changed.
    expect(dirty.exception?.value).toBe("boom\u0000");
    expect(out.timestamp).toEqual(dirty.timestamp);
  });

  it(`records at most ${MAX_SANITIZED_PATHS} paths`, () => {
    const body = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, "\u0000"]));
    const out = sanitizeEvent(event({ request: { method: "POST", url: "/u", route: "/u", status: 500, durationMs: null, body } }));
    expect(out.sanitized).toHaveLength(MAX_SANITIZED_PATHS);
    expect(Object.values(out.request!.body as Record<string, string>).every((value) => value === R)).toBe(true);
  });
});
