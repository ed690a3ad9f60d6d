import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BodyParseError } from "../../src/ingest/batch.ts";
import { FILTERED, scrubEvent } from "../../src/ingest/scrub.ts";
import {
  matchSentryPath,
  normalizeSentryEvent,
  parseSentryEnvelope,
  parseSentryStoreBody,
  readSentryAuth,
} from "../../src/ingest/sentry-protocol.ts";

// Envelopes recorded from @sentry/node 10.78.0 (sendDefaultPii off, tracesSampleRate 1) reporting
// to a local server: an app at /tmp/shop-app whose GET /users/:id handler wraps a TypeError from
// src/routes/users.cjs in `new Error("could not load user 123", { cause })`.
const fixtures = new URL("../fixtures/sentry/", import.meta.url);
function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, fixtures)));
}
const recordedAt = new Date("2026-11-21T09:20:16Z");
const encoder = new TextEncoder();

function envelope(...lines: string[]): Uint8Array {
  return encoder.encode(lines.join("\n"));
}

describe("matchSentryPath", () => {
  it("matches envelope and store paths after any prefix, with or without the trailing slash", () => {
    expect(matchSentryPath("/api/42/envelope/")).toEqual({ projectId: "42", kind: "envelope" });
    expect(matchSentryPath("/functions/v1/ingest/api/42/envelope")).toEqual({ projectId: "42", kind: "envelope" });
    expect(matchSentryPath("/functions/v1/ingest/api/my-proj_1/store/")).toEqual({ projectId: "my-proj_1", kind: "store" });
  });

  it("does not match other paths", () => {
    expect(matchSentryPath("/api/42/envelope/extra")).toBeNull();
    expect(matchSentryPath("/api/envelope/")).toBeNull();
    expect(matchSentryPath("/api/42/minidump/")).toBeNull();
    expect(matchSentryPath("/vercel")).toBeNull();
    expect(matchSentryPath("/xapi/42/envelope/")).toBeNull();
  });
});

describe("readSentryAuth", () => {
  const url = new URL("https://suture.example/api/42/envelope/");

  it("reads the key from X-Sentry-Auth", () => {
    const request = new Request(url, {
      method: "POST",
      headers: { "X-Sentry-Auth": "Sentry sentry_version=7, sentry_client=raven-js/3.0, sentry_key=abc123" },
    });
    expect(readSentryAuth(request, url)).toBe("abc123");
  });

  it("reads the key from an Authorization header in Sentry form", () => {
    const request = new Request(url, { method: "POST", headers: { Authorization: "Sentry sentry_key=abc123, sentry_version=7" } });
    expect(readSentryAuth(request, url)).toBe("abc123");
  });

  it("reads the key from the query string, as the real SDK sends it", () => {
    const recorded = JSON.parse(readFileSync(new URL("node-10-event.request.json", fixtures), "utf8")) as {
      url: string;
      headers: Record<string, string>;
    };
    const recordedUrl = new URL(recorded.url, "http://127.0.0.1:47111");
    const request = new Request(recordedUrl, { method: "POST", headers: recorded.headers });
    expect(matchSentryPath(recordedUrl.pathname)).toEqual({ projectId: "7", kind: "envelope" });
    expect(readSentryAuth(request, recordedUrl)).toBe("0123456789abcdef0123456789abcdef");
  });

  it("falls back to the envelope header's DSN", () => {
    const request = new Request(url, { method: "POST" });
    expect(readSentryAuth(request, url, { dsn: "https://feedface@suture.example/functions/v1/ingest/42" })).toBe("feedface");
    expect(readSentryAuth(request, url, { dsn: "not a url" })).toBeNull();
    expect(readSentryAuth(request, url)).toBeNull();
  });

  it("ignores a Bearer header and implausible keys", () => {
    const request = new Request(url, { method: "POST", headers: { Authorization: "Bearer abc" } });
    expect(readSentryAuth(request, url)).toBeNull();
    const odd = new URL("https://suture.example/api/42/envelope/?sentry_key=a%20b");
    expect(readSentryAuth(new Request(odd, { method: "POST" }), odd)).toBeNull();
  });
});

describe("parseSentryEnvelope with envelopes recorded from @sentry/node 10", () => {
  it("turns the recorded error envelope into one event with the thrown exception", () => {
    const { header, batch } = parseSentryEnvelope(fixture("node-10-event.envelope"), recordedAt);
    expect(header).toEqual({ event_id: "f7455505f0524064bfe08a2bb16fc49c" });
    expect(batch.rejected).toEqual([]);
    expect(batch.events).toHaveLength(1);
    const e = batch.events[0]!;
    expect(e.eventId).toBe("f7455505f0524064bfe08a2bb16fc49c");
    expect(e.source).toBe("sentry");
    expect(e.timestamp.toISOString()).toBe("2026-11-21T09:20:15.041Z");
    expect(e.level).toBe("error");
    expect(e.environment).toBe("production");
    expect(e.release).toBe("shop@1.4.0");
    // The SDK lists the cause (the TypeError) first and the thrown wrapper last.
    expect(e.exception?.type).toBe("Error");
    expect(e.exception?.value).toBe("could not load user 123");
    const last = e.exception!.frames.at(-1)!;
    expect(last).toEqual({ file: "src/routes/users.cjs", function: "handleGetUser", line: 9, column: 11, inApp: true });
    // The linked cause is kept beside it: that is where the bug is.
    expect(e.exception!.causes).toHaveLength(1);
    expect(e.exception!.causes![0]!.type).toBe("TypeError");
    expect(e.exception!.causes![0]!.frames.some((f) => f.inApp)).toBe(true);
    expect(e.exception!.frames.filter((f) => f.file.startsWith("node_modules/")).every((f) => !f.inApp)).toBe(true);
    expect(e.request).toMatchObject({
      method: "GET",
      url: "http://127.0.0.1:43683/users/123?token=[Filtered]",
      route: "/users/:id",
      status: null,
      durationMs: null,
    });
    expect(e.request?.headers).toMatchObject({ host: "127.0.0.1:43683", "user-agent": "node", accept: "*/*" });
    // sendDefaultPii is off: no user. The cookie and authorization headers the SDK still sends are
    // kept until scrubbing, which redacts them before anything is stored.
    expect(e.userId).toBeNull();
    const stored = scrubEvent(e);
    expect(stored.request?.headers).toMatchObject({ cookie: FILTERED, authorization: FILTERED, host: "127.0.0.1:43683" });
    expect(JSON.stringify(stored)).not.toContain("secret");
    expect(JSON.stringify(stored)).not.toContain("xyz");
    expect(e.fingerprint).toBeNull();
  });

  it("turns the recorded HTTP server transaction into a request-only event", () => {
    const { batch } = parseSentryEnvelope(fixture("node-10-transaction.envelope"), recordedAt);
    expect(batch.rejected).toEqual([]);
    expect(batch.events).toHaveLength(1);
    const e = batch.events[0]!;
    expect(e.exception).toBeNull();
    expect(e.level).toBe("info");
    expect(e.eventId).toBe("b11fdafe7f4f422d95fbc5d9d5d194e0");
    expect(e.request?.method).toBe("GET");
    expect(e.request?.route).toBe("/users/:id");
    expect(e.request?.status).toBe(500);
    expect(e.request?.durationMs).toBeCloseTo(13.578, 2);
  });

  it("ignores session and client report envelopes without rejecting them", () => {
    for (const name of ["node-10-session.envelope", "node-10-client-report.envelope"]) {
      expect(parseSentryEnvelope(fixture(name), recordedAt).batch).toEqual({ events: [], rejected: [] });
    }
  });

  it("reads the recorded gzip envelope once the caller has decompressed it", () => {
    const headers = JSON.parse(readFileSync(new URL("node-10-large-event.request.json", fixtures), "utf8")).headers;
    expect(headers["content-encoding"]).toBe("gzip");
    const body = new Uint8Array(gunzipSync(fixture("node-10-large-event.envelope.gz")));
    const { batch } = parseSentryEnvelope(body, recordedAt);
    expect(batch.events.map((e) => [e.exception?.type, e.exception?.value])).toEqual([["Error", "big"]]);
  });
});

describe("parseSentryEnvelope", () => {
  const event = {
    event_id: "0123456789abcdef0123456789abcdef",
    timestamp: 1714564740.5,
    exception: { values: [{ type: "TypeError", value: "x is not a function" }] },
  };
  const at = new Date("2024-05-01T12:00:00Z");

  it("reads length-delimited payloads, including ones that contain newlines", () => {
    const pretty = JSON.stringify(event, null, 2);
    const attachment = "line one\nline two\n";
    const body = envelope(
      '{"event_id":"0123456789abcdef0123456789abcdef","dsn":"https://k@h/1"}',
      JSON.stringify({ type: "attachment", length: encoder.encode(attachment).length, filename: "a.txt" }),
      attachment,
      JSON.stringify({ type: "event", length: encoder.encode(pretty).length }),
      pretty,
      "",
    );
    const { header, batch } = parseSentryEnvelope(body, at);
    expect(header).toEqual({ event_id: "0123456789abcdef0123456789abcdef", dsn: "https://k@h/1" });
    expect(batch.rejected).toEqual([]);
    expect(batch.events.map((e) => e.exception?.value)).toEqual(["x is not a function"]);
    expect(batch.events[0]!.timestamp.toISOString()).toBe("2024-05-01T11:59:00.500Z");
  });

  it("counts lengths in bytes, not characters", () => {
    const payload = JSON.stringify({ ...event, exception: { values: [{ type: "Error", value: "naïve – ✓" }] } });
    const body = envelope("{}", JSON.stringify({ type: "event", length: encoder.encode(payload).length }), payload);
    expect(parseSentryEnvelope(body, at).batch.events[0]!.exception?.value).toBe("naïve – ✓");
  });

  it("rejects a bad event item by its position and keeps the good one", () => {
    const body = envelope(
      "{}",
      '{"type":"session"}',
      '{"sid":"x"}',
      '{"type":"event"}',
      "{not json",
      '{"type":"event"}',
      JSON.stringify({ ...event, exception: { values: [{ type: "Error", value: 5 }] } }),
      '{"type":"event"}',
      JSON.stringify(event),
    );
    const { batch } = parseSentryEnvelope(body, at);
    expect(batch.events).toHaveLength(1);
    expect(batch.rejected).toEqual([
      { index: 1, error: expect.stringMatching(/^invalid JSON: /) },
      { index: 2, error: "exception.values.0.value: expected string, got number" },
    ]);
  });

  it("uses the envelope header's event_id when the event has none", () => {
    const { event_id: _omitted, ...withoutId } = event;
    const body = envelope('{"event_id":"ABCDEF0123456789ABCDEF0123456789"}', '{"type":"event"}', JSON.stringify(withoutId));
    expect(parseSentryEnvelope(body, at).batch.events[0]!.eventId).toBe("abcdef0123456789abcdef0123456789");
  });

  it("refuses an envelope whose structure cannot be read", () => {
    expect(() => parseSentryEnvelope(new Uint8Array(), at)).toThrow(BodyParseError);
    expect(() => parseSentryEnvelope(envelope("not json", "{}"), at)).toThrow(/envelope header is not a JSON object/);
    expect(() => parseSentryEnvelope(envelope("{}", "garbage", "{}"), at)).toThrow(
      'envelope item 0: header is not a JSON object with a string "type"',
    );
    expect(() => parseSentryEnvelope(envelope("{}", '{"type":"event","length":500}', "{}"), at)).toThrow(
      /envelope item 0: length 500 exceeds the 2 bytes left/,
    );
  });

  it("ignores transactions that are not incoming HTTP requests", () => {
    const transaction = {
      event_id: "11111111111111111111111111111111",
      type: "transaction",
      start_timestamp: 1714564740,
      timestamp: 1714564741,
      contexts: { trace: { op: "pageload" } },
      request: { url: "https://shop.example/cart", method: "GET" },
    };
    const body = envelope("{}", '{"type":"transaction"}', JSON.stringify(transaction));
    expect(parseSentryEnvelope(body, at).batch).toEqual({ events: [], rejected: [] });
  });

  it("takes a transaction's status from the http.status_code tag and its URL from span data", () => {
    const transaction = {
      event_id: "22222222222222222222222222222222",
      type: "transaction",
      start_timestamp: "2024-05-01T11:59:00.000Z",
      timestamp: "2024-05-01T11:59:00.250Z",
      contexts: { trace: { op: "http.server", data: { "url.full": "https://api.example/orders/9", "http.request.method": "post" } } },
      tags: { "http.status_code": "404" },
    };
    const body = envelope("{}", '{"type":"transaction"}', JSON.stringify(transaction));
    const e = parseSentryEnvelope(body, at).batch.events[0]!;
    expect(e.request).toEqual({
      method: "POST",
      url: "https://api.example/orders/9",
      route: "/orders/:id",
      status: 404,
      durationMs: 250,
    });
    expect(e.timestamp.toISOString()).toBe("2024-05-01T11:59:00.250Z");
  });
});

describe("Sentry request evidence", () => {
  const at = new Date("2024-05-01T12:00:00Z");

  it("maps request.data, request.headers and request.query_string of an event", () => {
    const body = envelope(
      "{}",
      '{"type":"event"}',
      JSON.stringify({
        event_id: "33333333333333333333333333333333",
        timestamp: 1714564790,
        exception: { values: [{ type: "TypeError", value: "items.map is not a function" }] },
        request: {
          method: "POST",
          url: "https://shop.example/api/orders",
          query_string: "dry_run=1",
          headers: [["Content-Type", "application/json"], ["X-Request-Id", "r-1"]],
          data: '{"items":"sku_1"}',
        },
      }),
    );
    const e = parseSentryEnvelope(body, at).batch.events[0]!;
    expect(e.request).toEqual({
      method: "POST",
      url: "https://shop.example/api/orders?dry_run=1",
      route: "/api/orders",
      status: null,
      durationMs: null,
      headers: { "content-type": "application/json", "x-request-id": "r-1" },
      body: { items: "sku_1" },
      bodyTruncated: false,
    });
  });

  it("keeps a body that is not JSON as text, and maps the same fields on a transaction", () => {
    const transaction = {
      event_id: "44444444444444444444444444444444",
      type: "transaction",
      start_timestamp: 1714564740,
      timestamp: 1714564741,
      contexts: { trace: { op: "http.server" }, response: { status_code: 201 } },
      request: { method: "POST", url: "https://shop.example/api/orders", query_string: { page: 2 }, headers: { Accept: "*/*" }, data: "plain=1&x=2" },
    };
    const body = envelope("{}", '{"type":"transaction"}', JSON.stringify(transaction));
    const e = parseSentryEnvelope(body, at).batch.events[0]!;
    expect(e.exception).toBeNull();
    expect(e.request).toMatchObject({
      url: "https://shop.example/api/orders?page=2",
      status: 201,
      headers: { accept: "*/*" },
      body: "plain=1&x=2",
      bodyTruncated: false,
    });
  });

  it("ignores malformed request headers instead of rejecting the error", () => {
    const e = normalizeSentryEvent(
      { event_id: "55555555555555555555555555555555", timestamp: 1714564790, message: "boom", level: "error", request: { url: "/x", headers: "nope" } },
      at,
    );
    expect(e.request).toEqual({ method: "GET", url: "/x", route: "/x", status: null, durationMs: null });
  });
});

describe("normalizeSentryEvent", () => {
  const at = new Date("2024-05-01T12:00:00Z");
  const base = { event_id: "0123456789abcdef0123456789abcdef", timestamp: "2024-05-01T11:59:00Z" };

  it("keeps the last exception value, which is the thrown one, with the values before it as its causes", () => {
    const e = normalizeSentryEvent(
      {
        ...base,
        exception: {
          values: [
            { type: "TypeError", value: "cause", stacktrace: { frames: [{ filename: "/app/src/db.ts", function: "q", lineno: 1 }] } },
            { type: "Error", value: "wrapper", stacktrace: { frames: [{ filename: "/app/src/api.ts", function: "h", lineno: 2 }] } },
          ],
        },
      },
      at,
    );
    expect(e.exception).toEqual({
      type: "Error",
      value: "wrapper",
      frames: [{ file: "src/api.ts", function: "h", line: 2, column: null, inApp: true }],
      causes: [{ type: "TypeError", value: "cause", frames: [{ file: "src/db.ts", function: "q", line: 1, column: null, inApp: true }] }],
    });
  });

  it("accepts the bare list form of exception", () => {
    const e = normalizeSentryEvent({ ...base, exception: [{ type: "RangeError", value: "bad" }] }, at);
    expect(e.exception?.type).toBe("RangeError");
  });

  it("turns an error-level message into an Error with the attached stacktrace", () => {
    const e = normalizeSentryEvent(
      {
        ...base,
        level: "error",
        logentry: { message: "payment %s failed", formatted: "payment 42 failed" },
        threads: { values: [{ stacktrace: { frames: [{ filename: "/app/src/pay.ts", function: "charge", lineno: 9 }] } }] },
      },
      at,
    );
    expect(e.exception?.type).toBe("Error");
    expect(e.exception?.value).toBe("payment 42 failed");
    expect(e.exception?.frames.map((f) => f.file)).toEqual(["src/pay.ts"]);
    expect(normalizeSentryEvent({ ...base, message: "plain" }, at).exception?.value).toBe("plain");
  });

  it("rejects info messages and events with nothing to report", () => {
    expect(() => normalizeSentryEvent({ ...base, level: "info", message: "hello" }, at)).toThrow(
      'level: only error and fatal messages are ingested; this message is "info"',
    );
    expect(() => normalizeSentryEvent({ ...base }, at)).toThrow("exception: the event has neither an exception nor a message");
  });

  it("reads numeric, offset and naive timestamps, and defaults a missing one to the receive time", () => {
    const ex = { exception: { values: [{ type: "Error", value: "x" }] } };
    expect(normalizeSentryEvent({ ...base, ...ex, timestamp: 1714564740.25 }, at).timestamp.toISOString()).toBe(
      "2024-05-01T11:59:00.250Z",
    );
    expect(normalizeSentryEvent({ ...base, ...ex, timestamp: "2024-05-01T11:59:00" }, at).timestamp.toISOString()).toBe(
      "2024-05-01T11:59:00.000Z",
    );
    expect(normalizeSentryEvent({ ...base, ...ex, timestamp: undefined }, at).timestamp).toEqual(at);
    expect(() => normalizeSentryEvent({ ...base, ...ex, timestamp: "soon" }, at)).toThrow(
      "timestamp: expected seconds since the epoch or an ISO 8601 date-time",
    );
    expect(() => normalizeSentryEvent({ ...base, ...ex, timestamp: 1_000_000_000 }, at)).toThrow(/older than 30 days/);
  });

  it("reads tags as pairs or an object, user ids, status and fingerprints", () => {
    const e = normalizeSentryEvent(
      {
        ...base,
        event_id: "01234567-89AB-CDEF-0123-456789ABCDEF",
        exception: { values: [{ type: "Error", value: "x" }] },
        tags: [["route", "/users"], ["attempt", 2], ["bad"]],
        user: { id: 7, ip_address: "10.0.0.1", email: "a@b.c" },
        request: { method: "delete", url: "https://api.example/users/7", headers: { Cookie: "s=1" } },
        contexts: { response: { status_code: 503 } },
        fingerprint: ["{{ default }}"],
      },
      at,
    );
    expect(e.eventId).toBe("0123456789abcdef0123456789abcdef");
    expect(e.tags).toEqual({ route: "/users", attempt: "2" });
    expect(e.userId).toBe("7");
    expect(e.request).toEqual({
      method: "DELETE",
      url: "https://api.example/users/7",
      route: "/users/:id",
      status: 503,
      durationMs: null,
      headers: { cookie: "s=1" },
    });
    expect(e.fingerprint).toBeNull();
    const custom = normalizeSentryEvent(
      { ...base, exception: { values: [{ type: "Error", value: "x" }] }, tags: { a: "b" }, fingerprint: ["{{ default }}", "db"] },
      at,
    );
    expect(custom.tags).toEqual({ a: "b" });
    expect(custom.fingerprint).toEqual(["{{ default }}", "db"]);
  });

  it("ignores malformed secondary fields instead of rejecting the error", () => {
    const e = normalizeSentryEvent(
      { ...base, exception: { values: [{ type: "Error", value: "x" }] }, contexts: { response: { status_code: "500" } }, tags: "nope", user: "bob" },
      at,
    );
    expect(e.exception?.value).toBe("x");
    expect(e.tags).toEqual({});
    expect(e.userId).toBeNull();
  });
});

describe("parseSentryStoreBody", () => {
  const at = new Date("2024-05-01T12:00:00Z");

  it("reads one event", () => {
    const batch = parseSentryStoreBody(
      JSON.stringify({ event_id: "0123456789abcdef0123456789abcdef", exception: { values: [{ type: "Error", value: "x" }] } }),
      at,
    );
    expect(batch.events).toHaveLength(1);
    expect(batch.rejected).toEqual([]);
  });

  it("rejects a bad event at index 0 and refuses a body that is not one JSON object", () => {
    expect(parseSentryStoreBody('{"event_id":"nope nope"}', at).rejected).toEqual([
      { index: 0, error: "event_id: may only contain letters, digits and _ . : -" },
    ]);
    expect(() => parseSentryStoreBody("eJyrVkrLz1eyUkpKLFKqBQA", at)).toThrow(/body is not valid JSON/);
    expect(() => parseSentryStoreBody("[]", at)).toThrow("body must be one Sentry event object");
  });
});
