import { describe, expect, it } from "vitest";
import { BodyParseError, splitJsonBatch, InvalidLine } from "../../src/ingest/batch.ts";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";

const receivedAt = new Date("2024-05-01T12:00:00Z");

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: "evt-1",
    timestamp: "2024-05-01T11:59:00Z",
    exception: { type: "TypeError", value: "Cannot read properties of undefined (reading 'name')" },
    ...overrides,
  };
}

function one(overrides: Record<string, unknown> = {}) {
  const batch = parseGenericBatch(JSON.stringify(event(overrides)), receivedAt);
  return batch;
}

function rejectionOf(overrides: Record<string, unknown>): string {
  const batch = one(overrides);
  expect(batch.events).toHaveLength(0);
  expect(batch.rejected).toHaveLength(1);
  return batch.rejected[0]!.error;
}

describe("splitJsonBatch", () => {
  it("reads a JSON array, a single object and NDJSON with blank lines", () => {
    expect(splitJsonBatch('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(splitJsonBatch('  {"a":1}  ')).toEqual([{ a: 1 }]);
    expect(splitJsonBatch('{"a":1}\n\n{"a":2}\r\n{"a":3}\n')).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  it("turns a broken NDJSON line into a marker carrying its line number", () => {
    const items = splitJsonBatch('{"a":1}\n\n{"a":\n{"a":3}');
    expect(items).toHaveLength(3);
    expect(items[1]).toBeInstanceOf(InvalidLine);
    expect((items[1] as InvalidLine).error).toMatch(/^line 3: invalid JSON: /);
  });

  it("refuses a body that is neither JSON nor NDJSON, with the reason", () => {
    expect(() => splitJsonBatch("")).toThrow(BodyParseError);
    expect(() => splitJsonBatch("hello world")).toThrow(/neither JSON nor NDJSON: line 1: invalid JSON/);
    expect(() => splitJsonBatch('[{"a":1},')).toThrow(/body is not valid JSON/);
    expect(() => splitJsonBatch('[\n  {"a": 1},\n  {}\n')).toThrow(/body is not valid JSON/);
    try {
      splitJsonBatch("nope\nnope");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BodyParseError);
      expect((error as BodyParseError).code).toBe("BODY_PARSE_ERROR");
    }
  });

  it("caps a batch at 10,000 items", () => {
    const array = JSON.stringify(Array.from({ length: 10_001 }, () => ({})));
    expect(() => splitJsonBatch(array)).toThrow("batch has 10001 items; the limit is 10000");
    const ndjson = Array.from({ length: 10_001 }, () => "{}").join("\n");
    expect(() => splitJsonBatch(ndjson)).toThrow("batch has 10001 items; the limit is 10000");
    expect(splitJsonBatch(Array.from({ length: 10_000 }, () => "{}").join("\n"))).toHaveLength(10_000);
  });
});

describe("parseGenericBatch", () => {
  it("normalizes a full event", () => {
    const batch = parseGenericBatch(
      JSON.stringify({
        event_id: "7F3A9C1E-2B4D-4E8F-9A1B-3C5D7E9F0A2B",
        timestamp: "2024-05-01T13:58:59.123+02:00",
        level: "Warn",
        environment: " production ",
        release: "9fceb02d0ae598e95dc970b74767f19372d61af8",
        exception: {
          type: "TypeError",
          value: "Cannot read properties of undefined (reading 'name')",
          stacktrace:
            "TypeError: Cannot read properties of undefined (reading 'name')\n" +
            "    at getUser (/var/task/src/users.ts:12:5)\n" +
            "    at handler (/var/task/src/routes/users.ts:30:10)\n" +
            "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
        },
        request: { method: "get", url: "https://api.example.com/users/42?x=1", status: 500, duration_ms: 12.5 },
        user: { id: 42, email: "bob@example.com" },
        tags: { region: "eu-west-1", retries: 3, cached: false, nested: { a: 1 }, nothing: null },
        fingerprint: ["users", "profile-missing"],
        unknown_field: "ignored",
      }),
      receivedAt,
    );
    expect(batch.rejected).toEqual([]);
    expect(batch.events).toHaveLength(1);
    const e = batch.events[0]!;
    expect(e.eventId).toBe("7f3a9c1e2b4d4e8f9a1b3c5d7e9f0a2b");
    expect(e.timestamp.toISOString()).toBe("2024-05-01T11:58:59.123Z");
    expect(e.level).toBe("warning");
    expect(e.environment).toBe("production");
    expect(e.release).toBe("9fceb02d0ae598e95dc970b74767f19372d61af8");
    expect(e.exception?.type).toBe("TypeError");
    expect(e.exception?.frames.map((f) => [f.file, f.function, f.line, f.inApp])).toEqual([
      ["node:internal/process/task_queues", "process.processTicksAndRejections", 95, false],
      ["src/routes/users.ts", "handler", 30, true],
      ["src/users.ts", "getUser", 12, true],
    ]);
    expect(e.request).toEqual({
      method: "GET",
      url: "https://api.example.com/users/42?x=1",
      route: "/users/:id",
      status: 500,
      durationMs: 12.5,
    });
    expect(e.userId).toBe("42");
    expect(e.tags).toEqual({ region: "eu-west-1", retries: "3", cached: "false" });
    expect(e.fingerprint).toEqual(["users", "profile-missing"]);
    expect(e.source).toBe("generic");
  });

  it("gives a Sentry-style hex id and a dashed UUID of the same id one event id", () => {
    const dashed = one({ event_id: "7f3a9c1e-2b4d-4e8f-9a1b-3c5d7e9f0a2b" }).events[0]!;
    const hex = one({ event_id: "7F3A9C1E2B4D4E8F9A1B3C5D7E9F0A2B" }).events[0]!;
    expect(dashed.eventId).toBe(hex.eventId);
    // Ids that are not UUIDs keep their case.
    expect(one({ event_id: "Order:ABC-1" }).events[0]!.eventId).toBe("Order:ABC-1");
  });

  it("defaults the level to error and the value to empty", () => {
    const e = one({ exception: { type: "Error" } }).events[0]!;
    expect(e.level).toBe("error");
    expect(e.exception).toEqual({ type: "Error", value: "", frames: [] });
    expect(e.request).toBeNull();
    expect(e.tags).toEqual({});
    expect(e.fingerprint).toBeNull();
  });

  it("takes Sentry-order frames as sent, oldest first, and keeps the client's in_app: false", () => {
    const e = one({
      exception: {
        type: "Error",
        value: "boom",
        stacktrace: {
          frames: [
            { filename: "/app/src/server.ts", function: "main", lineno: 3, colno: 1 },
            { filename: "/app/src/vendored/lib.ts", function: "helper", lineno: 7, colno: 2, in_app: false },
            { filename: "/app/src/users.ts", function: "getUser", lineno: 12, colno: 5, in_app: true },
          ],
        },
      },
    }).events[0]!;
    expect(e.exception?.frames).toEqual([
      { file: "src/server.ts", function: "main", line: 3, column: 1, inApp: true },
      { file: "src/vendored/lib.ts", function: "helper", line: 7, column: 2, inApp: false },
      { file: "src/users.ts", function: "getUser", line: 12, column: 5, inApp: true },
    ]);
  });

  it("keeps the 50 frames nearest the throw", () => {
    const frames = Array.from({ length: 80 }, (_, i) => ({ filename: "/app/src/a.ts", function: `f${i}`, lineno: i + 1 }));
    const e = one({ exception: { type: "Error", value: "deep", stacktrace: { frames } } }).events[0]!;
    expect(e.exception?.frames).toHaveLength(50);
    expect(e.exception?.frames.at(-1)?.function).toBe("f79");
    expect(e.exception?.frames[0]?.function).toBe("f30");
  });

  it("accepts a request-only event and defaults its method to GET", () => {
    const e = one({ exception: undefined, request: { url: "/orders/123/items", status: 200, duration_ms: 3 } }).events[0]!;
    expect(e.exception).toBeNull();
    expect(e.request).toEqual({ method: "GET", url: "/orders/123/items", route: "/orders/:id/items", status: 200, durationMs: 3 });
  });

  it("rejects an event with neither exception nor request", () => {
    expect(rejectionOf({ exception: undefined })).toBe("exception: an event needs an exception, a request, or both");
  });

  it("rejects a missing or malformed event_id", () => {
    expect(rejectionOf({ event_id: undefined })).toBe("event_id: required");
    expect(rejectionOf({ event_id: "" })).toBe("event_id: must not be empty");
    expect(rejectionOf({ event_id: "a".repeat(65) })).toBe("event_id: must be at most 64 characters");
    expect(rejectionOf({ event_id: "has space" })).toBe("event_id: may only contain letters, digits and _ . : -");
    expect(rejectionOf({ event_id: 12 })).toBe("event_id: expected string, got number");
  });

  it("rejects naive, malformed and impossible timestamps", () => {
    const expected = "timestamp: expected an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:00:00Z";
    expect(rejectionOf({ timestamp: "2024-05-01T11:59:00" })).toBe(expected);
    expect(rejectionOf({ timestamp: "2024-05-01" })).toBe(expected);
    expect(rejectionOf({ timestamp: "2024-02-30T10:00:00Z" })).toBe(expected);
    expect(rejectionOf({ timestamp: "yesterday" })).toBe(expected);
    expect(rejectionOf({ timestamp: 1714564740 })).toBe("timestamp: expected string, got number");
    expect(rejectionOf({ timestamp: undefined })).toBe("timestamp: required");
  });

  it("accepts the RFC 3339 space separator, lowercase z and nanoseconds", () => {
    const e = one({ timestamp: "2024-05-01 11:59:00.123456789z" }).events[0]!;
    expect(e.timestamp.toISOString()).toBe("2024-05-01T11:59:00.123Z");
  });

  it("reads a year below 100 as written when replaying history", () => {
    const batch = parseGenericBatch(JSON.stringify(event({ timestamp: "0099-03-01T10:00:00Z" })), null);
    expect(batch.events[0]!.timestamp.toISOString()).toBe("0099-03-01T10:00:00.000Z");
  });

  it("rejects times more than a day ahead or older than 30 days", () => {
    expect(rejectionOf({ timestamp: "2024-05-02T12:00:01Z" })).toBe(
      "timestamp: 2024-05-02T12:00:01.000Z is more than 1 day in the future; check the sender's clock",
    );
    expect(rejectionOf({ timestamp: "2024-04-01T11:59:59Z" })).toBe("timestamp: 2024-04-01T11:59:59.000Z is older than 30 days");
    expect(one({ timestamp: "2024-05-02T11:59:59Z" }).events).toHaveLength(1);
    expect(one({ timestamp: "2024-04-01T12:00:01Z" }).events).toHaveLength(1);
  });

  it("rejects an unknown level", () => {
    expect(rejectionOf({ level: "loud" })).toBe("level: expected one of fatal, error, warning, info, debug");
  });

  it("rejects a bad exception type and caps long types and values", () => {
    expect(rejectionOf({ exception: { type: 5, value: "x" } })).toBe("exception.type: expected string, got number");
    expect(rejectionOf({ exception: { type: "  ", value: "x" } })).toBe("exception.type: must not be empty");
    expect(rejectionOf({ exception: { value: "x" } })).toBe("exception.type: required");
    const e = one({ exception: { type: "E".repeat(300), value: "v".repeat(10_000) } }).events[0]!;
    expect(e.exception?.type).toHaveLength(200);
    expect(e.exception?.value).toHaveLength(8192);
  });

  it("rejects a bad frame with the frame's path", () => {
    const error = rejectionOf({
      exception: { type: "Error", value: "x", stacktrace: { frames: [{ filename: "a.ts" }, { filename: "b.ts", lineno: "7" }] } },
    });
    expect(error).toBe("exception.stacktrace.frames.1.lineno: expected number, got string");
  });

  it("rejects a stacktrace that is neither a string nor a frames object", () => {
    expect(rejectionOf({ exception: { type: "Error", value: "x", stacktrace: 5 } })).toBe(
      'exception.stacktrace: expected a stack string or {"frames": [...]}',
    );
  });

  it("rejects request fields out of range", () => {
    expect(rejectionOf({ request: { url: "/a", status: 700 } })).toMatch(/^request\.status: too big/);
    expect(rejectionOf({ request: { url: "/a", status: 200.5 } })).toBe("request.status: expected an integer");
    expect(rejectionOf({ request: { url: "/a", duration_ms: -1 } })).toMatch(/^request\.duration_ms: too small/);
    expect(rejectionOf({ request: { url: "/a", duration_ms: 86_400_001 } })).toMatch(/^request\.duration_ms: too big/);
    expect(rejectionOf({ request: { url: "/a", method: "GET /x" } })).toBe("request.method: expected an HTTP method like GET");
    expect(rejectionOf({ request: { status: 200 } })).toBe("request.url: required");
  });

  it("keeps the request's headers and body for reproduction", () => {
    const e = one({
      request: {
        method: "POST",
        url: "/checkout",
        status: 500,
        headers: { "Content-Type": "application/json", "X-Retry": 2, Authorization: "Bearer abc" },
        body: { items: "sku_1", qty: 2 },
      },
    }).events[0]!;
    expect(e.request).toMatchObject({
      headers: { "content-type": "application/json", "x-retry": "2", authorization: "Bearer abc" },
      body: { items: "sku_1", qty: 2 },
      bodyTruncated: false,
    });
    const text = one({ request: { url: "/checkout", body: "{not json" } }).events[0]!;
    expect(text.request).toMatchObject({ body: "{not json", bodyTruncated: false });
    const none = one({ request: { url: "/checkout" } }).events[0]!;
    expect(none.request).not.toHaveProperty("headers");
    expect(none.request).not.toHaveProperty("body");
  });

  it("cuts a body over 16 KiB and marks it truncated, and rejects headers that are not an object", () => {
    const big = one({ request: { url: "/upload", body: "x".repeat(20_000) } }).events[0]!;
    expect(big.request).toMatchObject({ bodyTruncated: true });
    expect(big.request!.body).toHaveLength(16 * 1024);
    expect(rejectionOf({ request: { url: "/a", headers: ["accept", "*/*"] } })).toBe("request.headers: expected record, got array");
  });

  it("caps tags at 50 with keys up to 64 and values up to 256 characters", () => {
    const tags: Record<string, unknown> = { ["k".repeat(65)]: "dropped", long: "v".repeat(300) };
    for (let i = 0; i < 60; i++) tags[`t${i}`] = i;
    const e = one({ tags }).events[0]!;
    expect(Object.keys(e.tags)).toHaveLength(50);
    expect(e.tags.long).toHaveLength(256);
    expect(e.tags["k".repeat(65)]).toBeUndefined();
    expect(e.tags.t48).toBe("48");
    expect(e.tags.t49).toBeUndefined();
  });

  it("rejects a fingerprint of more than 10 items or of non-strings", () => {
    expect(rejectionOf({ fingerprint: Array.from({ length: 11 }, (_, i) => `p${i}`) })).toBe(
      "fingerprint: must have at most 10 items",
    );
    expect(rejectionOf({ fingerprint: ["a", 2] })).toBe("fingerprint.1: expected string, got number");
    expect(one({ fingerprint: [] }).events[0]!.fingerprint).toBeNull();
  });

  it("lists several bad fields of one event together", () => {
    expect(rejectionOf({ event_id: 1, timestamp: 2, level: 3 })).toBe(
      "event_id: expected string, got number; timestamp: expected string, got number; level: expected string, got number",
    );
  });

  it("rejects a non-object item", () => {
    const batch = parseGenericBatch('[1, "x", null, []]', receivedAt);
    expect(batch.rejected.map((r) => r.error)).toEqual([
      "expected object, got number",
      "expected object, got string",
      "expected object, got null",
      "expected object, got array",
    ]);
  });

  it("stores the good events of a batch and rejects the bad ones by index", () => {
    const body = JSON.stringify([
      event({ event_id: "a" }),
      event({ event_id: "b", exception: { type: 42, value: "x" } }),
      event({ event_id: "c", request: { url: "/x", status: 99 } }),
      event({ event_id: "d" }),
    ]);
    const batch = parseGenericBatch(body, receivedAt);
    expect(batch.events.map((e) => e.eventId)).toEqual(["a", "d"]);
    expect(batch.rejected).toEqual([
      { index: 1, error: "exception.type: expected string, got number" },
      { index: 2, error: expect.stringMatching(/^request\.status: too small/) },
    ]);
  });

  it("rejects a broken NDJSON line by its index and line number and keeps the rest", () => {
    const body = [
      JSON.stringify(event({ event_id: "a" })),
      "",
      '{"event_id": "b", "timestamp": ',
      JSON.stringify(event({ event_id: "c" })),
    ].join("\n");
    const batch = parseGenericBatch(body, receivedAt);
    expect(batch.events.map((e) => e.eventId)).toEqual(["a", "c"]);
    expect(batch.rejected).toHaveLength(1);
    expect(batch.rejected[0]!.index).toBe(1);
    expect(batch.rejected[0]!.error).toMatch(/^line 3: invalid JSON: /);
  });

  it("throws BodyParseError for an unusable body", () => {
    expect(() => parseGenericBatch("<html>", receivedAt)).toThrow(BodyParseError);
    expect(() => parseGenericBatch('"just a string"', receivedAt)).not.toThrow();
  });
});
