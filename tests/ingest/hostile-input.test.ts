import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { ingestReplayEvents } from "../../src/cycles/replay.ts";
import { createIngestHandler } from "../../src/ingest/handler.ts";
import { REPLACEMENT_CHARACTER } from "../../src/ingest/sanitize.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";
import { errorEvent, ndjson, requestEvent } from "../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// Hostile text in every field, through the handler and into the database. PostgreSQL refuses NUL
// in text and jsonb (22P05) and lone surrogates in jsonb (22P02); before sanitizing, one such
// event failed its whole chunk of valid ones, on every retry.

const NOW = new Date("2026-11-20T10:30:00.000Z");
const R = REPLACEMENT_CHARACTER;

const CLASSES = [
  ["NUL", "\u0000"],
  ["an escape control character", "\u001b"],
  ["a lone high surrogate", "\ud83d"],
  ["a lone low surrogate", "\ude00"],
] as const;

/** An event with `bad` in every text field the contract has. */
function hostileEvent(id: string, bad: string): Record<string, unknown> {
  const message = `Cannot read properties of undefined (reading 'x${bad}')`;
  return {
    event_id: id,
    timestamp: "2026-11-20T10:00:00.000Z",
    level: "error",
    environment: `prod${bad}`,
    release: `v1${bad}`,
    exception: {
      type: `Type${bad}Error`,
      value: message,
      stacktrace: `TypeError: ${message}\n    at get${bad}User (/var/task/src/us${bad}ers.ts:12:20)\n    at handle (/var/task/src/server.ts:40:11)`,
    },
    request: {
      method: "POST",
      url: `https://api.example.com/users/42?q=${bad}`,
      status: 500,
      headers: { [`x-trace${bad}`]: "1", accept: `text/${bad}html` },
      body: { [`na${bad}me`]: `ana${bad}`, items: [`a${bad}`] },
    },
    user: { id: `user${bad}` },
    tags: { [`re${bad}gion`]: "eu", note: `x${bad}` },
    fingerprint: ["{{ default }}", `tenant${bad}`],
  };
}

const HOSTILE_PATHS = [
  "environment",
  "release",
  "exception.type",
  "exception.value",
  "exception.frames.1.file",
  "exception.frames.1.function",
  "request.url",
  `request.headers.x-trace${R}`,
  "request.headers.accept",
  `request.body.na${R}me`,
  "request.body.items.0",
  "userId",
  `tags.re${R}gion`,
  "tags.note",
  "fingerprint.1",
];

describe.each(testDrivers)("hostile input through the ingest handler on %s", (driver) => {
  let db: TestDatabase;
  let key: string;
  let projectId: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    const created = await createProject(db.sql, { name: "hostile" });
    key = created.ingestKey;
    projectId = created.project.id;
    handle = createIngestHandler({ sql: db.sql, logger: silentLogger, now: () => NOW });
  });
  afterAll(async () => db?.drop());

  function post(body: string, path = "/functions/v1/ingest", handler = handle) {
    return handler(new Request(`http://localhost${path}`, { method: "POST", body, headers: { authorization: `Bearer ${key}` } }));
  }

  async function storedEvent(eventId: string) {
    const [row] = await db.sql.query<Record<string, unknown>>(
      `select e.*, d.title, d.normalized_message, d.culprit_function, d.culprit_line
         from healing.error_events e join healing.detected_errors d using (project_id, fingerprint)
        where e.project_id = $1 and e.event_id = $2`,
      [projectId, eventId],
    );
    return row;
  }

  it.each(CLASSES)("stores an event with %s in every text field, replaced, and records where", async (_kind, bad) => {
    const id = `hostile-${bad.charCodeAt(0).toString(16)}`;
    // JSON.stringify writes lone surrogates as \\udXXX escapes: the server's JSON.parse rebuilds them.
    const response = await post(JSON.stringify([hostileEvent(id, bad)]));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const row = await storedEvent(id);
    expect(row).toBeDefined();
    expect(row!.error_type).toBe(`Type${R}Error`);
    expect(row!.message).toBe(`Cannot read properties of undefined (reading 'x${R}')`);
    expect(row!.environment).toBe(`prod${R}`);
    expect(row!.release).toBe(`v1${R}`);
    expect(row!.culprit_function).toBe(`get${R}User`);
    expect(row!.title).toBe(`Type${R}Error: Cannot read properties of undefined (reading 'x${R}')`);
    expect(row!.request_headers).toEqual({ [`x-trace${R}`]: "1", accept: `text/${R}html` });
    expect(row!.request_body).toEqual({ [`na${R}me`]: `ana${R}`, items: [`a${R}`] });
    expect(row!.tags).toEqual({ [`re${R}gion`]: "eu", note: `x${R}` });
    expect(row!.sanitized).toEqual(HOSTILE_PATHS);
    expect(JSON.stringify(row)).not.toMatch(/\\u0000|\\u001b|\\ud83d|\\ude00/);
  });

  it("cuts an emoji at the value's cap whole, so ordinary text needs no sanitizing", async () => {
    const message = `${"a".repeat(8191)}\u{1F600} and more`;
    const response = await post(JSON.stringify([errorEvent({ id: "emoji-cap", type: "RangeError", message })]));
    expect(await response.json()).toMatchObject({ accepted: 1, rejected: [] });
    const row = await storedEvent("emoji-cap");
    expect(row!.message).toBe("a".repeat(8191));
    expect(row!.sanitized).toBeNull();
  });

  it("rejects line and column numbers beyond a 32-bit integer with the index and the reason", async () => {
    const frames = (lineno: number, colno = 1) => ({ frames: [{ filename: "/var/task/src/a.ts", function: "f", lineno, colno, in_app: true }] });
    const withFrames = (id: string, stacktrace: unknown) => {
      const event = errorEvent({ id, type: "OverflowError", message: "x" });
      return { ...event, exception: { ...(event.exception as object), stacktrace } };
    };
    const response = await post(
      JSON.stringify([
        withFrames("line-ok", frames(2 ** 31 - 1)),
        withFrames("line-over", frames(2 ** 31)),
        withFrames("col-over", frames(1, 2 ** 32)),
      ]),
    );
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, error: "exception.stacktrace.frames.0.lineno: must be at most 2147483647" },
      { index: 2, error: "exception.stacktrace.frames.0.colno: must be at most 2147483647" },
    ]);
    expect((await storedEvent("line-ok"))!.culprit_line).toBe(2 ** 31 - 1);
  });

  it("stores every valid event of a batch a hostile one sits in, and says exactly what was stored and refused", async () => {
    const valid = Array.from({ length: 6 }, (_, i) => errorEvent({ id: `mixed-ok-${i}`, type: "MixedError", message: `order ${i} failed` }));
    const items: unknown[] = [
      valid[0],
      hostileEvent("mixed-nul", "\u0000"),
      valid[1],
      { ...errorEvent({ id: "mixed-line", type: "MixedError" }), exception: { type: "MixedError", stacktrace: { frames: [{ filename: "a.ts", lineno: 2 ** 40 }] } } },
      valid[2],
      "not an event",
      valid[3],
      hostileEvent("mixed-surrogate", "\ud800"),
      { ...requestEvent({ id: "mixed-request", status: 200 }), request: { url: "/ok\u0000", status: 200, headers: { "x-a": "\u0000" } } },
      valid[4],
      { event_id: "mixed-status", timestamp: "2026-11-20T10:00:00Z", request: { url: "/x", status: 2 ** 31 } },
      valid[5],
    ];
    const response = await post(JSON.stringify(items));
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body.accepted).toBe(9);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r: { index: number }) => r.index)).toEqual([3, 5, 10]);
    expect(body.rejected[0].error).toMatch(/^exception\.stacktrace\.frames\.0\.lineno: /);
    expect(body.rejected[2].error).toMatch(/^request\.status: /);
    const stored = await db.sql.query<{ event_id: string }>(
      `select event_id from healing.error_events where project_id = $1 and event_id like 'mixed-%' order by event_id`,
      [projectId],
    );
    expect(stored.map((r) => r.event_id)).toEqual([...valid.map((e) => e.event_id as string), "mixed-nul", "mixed-surrogate"].sort());
    const [sample] = await db.sql.query<{ url: string; headers: unknown; sanitized: unknown }>(
      `select url, headers, sanitized from healing.request_samples where project_id = $1 and route = $2`,
      [projectId, `/ok${R}`],
    );
    expect(sample).toEqual({ url: `/ok${R}`, headers: { "x-a": R }, sanitized: ["request.url", "request.route", "request.headers.x-a"] });
  });

  it("stores a Sentry event and transaction with hostile text", async () => {
    const { project, ingestKey } = await createProject(db.sql, { name: "hostile-sentry" });
    const event = {
      event_id: "0123456789abcdef0123456789abc001",
      timestamp: NOW.getTime() / 1000 - 60,
      level: "error",
      release: "shop@1\u0000",
      exception: { values: [{ type: "TypeError", value: "bad\u0000 \ud800", stacktrace: { frames: [{ filename: "/app/src/a\u0000.js", function: "f\udc00", lineno: 3, colno: 1, in_app: true }] } }] },
      request: { method: "POST", url: "https://shop.test/cart\u0000", headers: [["X-Odd", "v\u0000"]], data: '{"sku":"a\\u0000"}', query_string: "q=\u0000" },
      tags: { "k\u0000": "v" },
    };
    const transaction = {
      event_id: "0123456789abcdef0123456789abc002",
      type: "transaction",
      timestamp: NOW.getTime() / 1000 - 30,
      start_timestamp: NOW.getTime() / 1000 - 30.5,
      contexts: { trace: { op: "http.server" }, response: { status_code: 200 } },
      request: { method: "GET", url: "https://shop.test/cart", headers: { Accept: "\ud800" }, query_string: [["page", "1\u0000"]] },
    };
    const envelope = [
      JSON.stringify({ event_id: event.event_id }),
      JSON.stringify({ type: "event" }),
      JSON.stringify(event),
      JSON.stringify({ type: "transaction" }),
      JSON.stringify(transaction),
    ].join("\n");
    const response = await handle(
      new Request(`http://localhost/api/${project.public_id}/envelope/?sentry_key=${ingestKey}&sentry_version=7`, { method: "POST", body: envelope }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 2, rejected: [] });
    const [row] = await db.sql.query<Record<string, unknown>>(
      `select message, release, request_url, request_headers, request_body, sanitized from healing.error_events where project_id = $1`,
      [project.id],
    );
    expect(row).toMatchObject({
      message: `bad${R} ${R}`,
      release: `shop@1${R}`,
      request_url: `https://shop.test/cart${R}?q=${R}`,
      request_headers: { "x-odd": `v${R}` },
      request_body: { sku: `a${R}` },
    });
    expect(row!.sanitized).toEqual(expect.arrayContaining(["release", "exception.value", "exception.frames.0.file", "exception.frames.0.function", "request.url", "request.body.sku", `tags.k${R}`]));
    const [sample] = await db.sql.query<Record<string, unknown>>(`select url, headers from healing.request_samples where project_id = $1`, [project.id]);
    expect(sample).toEqual({ url: `https://shop.test/cart?page=1${R}`, headers: { accept: R } });
  });

  it("stores a Vercel drain line with hostile ids and message", async () => {
    const at = NOW.getTime() - 60_000;
    const line = {
      id: "line\u0000-1",
      timestamp: at,
      source: "lambda",
      deploymentId: "dpl_\u0000x",
      requestId: "req\ud800",
      message: "TypeError: cart\u0000.items is not iterable\n    at total (/var/task/src/cart.js:3:20)",
      proxy: { timestamp: at, method: "GET", host: "shop.test", path: "/api/carts/9\u0000", statusCode: 500 },
    };
    const response = await post(JSON.stringify(line), "/functions/v1/ingest/vercel");
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 1, rejected: [] });
    const [row] = await db.sql.query<{ message: string; release: string; tags: Record<string, string>; sanitized: string[] }>(
      `select message, release, tags, sanitized from healing.error_events where project_id = $1 and source = 'vercel'`,
      [projectId],
    );
    expect(row!.message).toBe(`cart${R}.items is not iterable`);
    expect(row!.release).toBe(`dpl_${R}x`);
    expect(row!.tags).toMatchObject({ "vercel.deployment_id": `dpl_${R}x`, "vercel.request_id": `req${R}` });
    expect(row!.sanitized).toEqual(expect.arrayContaining(["release", "exception.value", "tags.vercel.deployment_id", "tags.vercel.request_id"]));
  });

  it("says how much of a batch was stored when the database fails one of its chunks, and a resend completes it", async () => {
    const events = Array.from({ length: 600 }, (_, i) => errorEvent({ id: `chunked-${i}`, type: "ChunkError", message: "x" }));
    const flaky = createIngestHandler({ sql: failingNthInsert(db.sql, 2), logger: silentLogger, now: () => NOW });
    const response = await post(ndjson([...events, { not: "an event" }]), "/functions/v1/ingest", flaky);
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 350, duplicates: 0, unstored: 250, rejected: [{ index: 600 }] });
    expect(body.error).toMatch(/250 events of the batch were not stored.*send the batch again/);
    const count = async () =>
      Number((await db.sql.query<{ n: number }>(`select count(*)::int as n from healing.error_events where project_id = $1 and event_id like 'chunked-%'`, [projectId]))[0]!.n);
    expect(await count()).toBe(350);
    const resent = await post(ndjson(events));
    expect(await resent.json()).toEqual({ accepted: 250, duplicates: 350, rejected: [] });
    expect(await count()).toBe(600);
  });

  it("replays recorded lines with hostile text without crashing, rejecting only the bad lines", async () => {
    const { project } = await createProject(db.sql, { name: "hostile-replay" });
    const lines = [
      JSON.stringify(hostileEvent("replay-nul", "\u0000")),
      JSON.stringify(hostileEvent("replay-surrogate", "\udfff")),
      '{"event_id": "broken", ',
      JSON.stringify({ ...errorEvent({ id: "replay-line" }), exception: { type: "E", stacktrace: { frames: [{ filename: "a.ts", lineno: 2 ** 31 }] } } }),
      JSON.stringify(errorEvent({ id: "replay-ok" })),
    ].join("\n");
    const report = await ingestReplayEvents(db.sql, project.id, lines);
    expect(report.accepted).toBe(3);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(report.rejected[1]!.error).toMatch(/lineno: must be at most 2147483647/);
  });
});

// Fails the nth statement that writes error events the way a dropped connection does.
function failingNthInsert(inner: Sql, nth: number): Sql {
  let seen = 0;
  return {
    ...inner,
    async query(text, params) {
      if (/insert into healing\.error_events/.test(text) && ++seen === nth) {
        throw Object.assign(new Error("connection terminated unexpectedly"), { code: "08006" });
      }
      return inner.query(text, params);
    },
  } as Sql;
}
