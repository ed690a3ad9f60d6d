import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { createIngestHandler } from "../../src/ingest/handler.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { errorEvent, ndjson, requestEvent } from "../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

const NOW = new Date("2026-11-20T10:30:00.000Z");

describe.each(testDrivers)("ingest handler on %s", (driver) => {
  let db: TestDatabase;
  let key: string;
  let projectId: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
    const created = await createProject(db.sql, { name: "shop", ingestKey: "0123456789abcdef0123456789abcdef" });
    key = created.ingestKey;
    projectId = created.project.id;
    handle = createIngestHandler({ sql: db.sql, logger: silentLogger, now: () => NOW, maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => db?.drop());

  function post(body: BodyInit, headers: Record<string, string> = {}, path = "/functions/v1/ingest") {
    return handle(
      new Request(`http://localhost${path}`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      }),
    );
  }

  async function groups() {
    return db.sql.query<{ title: string; event_count: number; user_count: number; culprit_file: string }>(
      `select title, event_count, user_count, culprit_file from healing.detected_errors where project_id = $1 order by title`,
      [projectId],
    );
  }

  it("groups events whose messages differ only by ids and answers 202 with counts", async () => {
    const events = [
      errorEvent({ id: "a-1", message: "User 8812 not found in shard 3", type: "NotFoundError", route: "/users/8812", userId: "u1" }),
      errorEvent({ id: "a-2", message: "User 9921 not found in shard 7", type: "NotFoundError", route: "/users/9921", userId: "u2" }),
      errorEvent({ id: "a-3", message: "User 1 not found in shard 1", type: "NotFoundError", route: "/users/1", userId: "u1" }),
    ];
    const response = await post(JSON.stringify(events));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const rows = (await groups()).filter((g) => g.title.startsWith("NotFoundError"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_count: 3, user_count: 2, culprit_file: "src/routes/users.ts" });
  });

  it("keeps thirty events that differ only in a quoted id in one group", async () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      errorEvent({ id: `quoted-${i}`, message: `Cannot read properties of undefined (reading 'u_${100 + i}')`, userId: `u${i}` }),
    );
    expect((await (await post(JSON.stringify(events))).json()).accepted).toBe(30);
    const rows = (await groups()).filter((g) => g.title.includes("(reading '<id>')"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_count: 30, user_count: 30 });
  });

  it("counts a repeated event_id once, also across batches", async () => {
    const batch = ndjson([
      errorEvent({ id: "dup-1", type: "RangeError", message: "bad range" }),
      errorEvent({ id: "dup-1", type: "RangeError", message: "bad range" }),
    ]);
    const first = await (await post(batch, { "content-type": "application/x-ndjson" })).json();
    const second = await (await post(batch, { "content-type": "application/x-ndjson" })).json();
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(second).toMatchObject({ accepted: 0, duplicates: 2 });
    const rows = (await groups()).filter((g) => g.title.startsWith("RangeError"));
    expect(rows[0]!.event_count).toBe(1);
  });

  it("stores the good items of a batch and reports each bad one with its index", async () => {
    const bad = { event_id: "bad-1", timestamp: "2026-11-20T10:00:00Z", exception: { value: "no type" } };
    const response = await post(
      JSON.stringify([
        errorEvent({ id: "good-1", type: "SyntaxError", message: "x" }),
        bad,
        errorEvent({ id: "good-2", type: "SyntaxError", message: "x" }),
      ]),
    );
    expect(response.status).toBe(202);
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].index).toBe(1);
    expect(body.rejected[0].error).toMatch(/type/);
  });

  it("answers 400 with the reason for a body that is not JSON", async () => {
    const response = await post("{this is not json");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toMatch(/JSON/i);
    expect(JSON.stringify(body)).not.toMatch(/\s+at\s+\S+ \(/);
  });

  it("answers 401 for a missing or wrong key", async () => {
    const missing = await handle(new Request("http://localhost/ingest", { method: "POST", body: "[]" }));
    expect(missing.status).toBe(401);
    const wrong = await post("[]", { authorization: "Bearer ffffffffffffffffffffffffffffffff" });
    expect(wrong.status).toBe(401);
  });

  it("answers 413 for a body over the limit, declared or streamed", async () => {
    const declared = await post("x".repeat(70 * 1024));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode("y".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await handle(
      new Request("http://localhost/ingest", {
        method: "POST",
        body: stream,
        headers: { authorization: `Bearer ${key}` },
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
  });

  it("feeds request-only events into per-route, per-minute request metrics", async () => {
    const events = [
      requestEvent({ id: "r-1", route: "/orders/17", status: 200, durationMs: 40, at: "2026-11-20T10:05:10Z" }),
      requestEvent({ id: "r-2", route: "/orders/18", status: 503, durationMs: 900, at: "2026-11-20T10:05:50Z" }),
      requestEvent({ id: "r-3", route: "/orders/19", status: 404, durationMs: 5, at: "2026-11-20T10:05:59Z" }),
      requestEvent({ id: "r-3", route: "/orders/19", status: 404, durationMs: 5, at: "2026-11-20T10:05:59Z" }),
    ];
    const body = await (await post(JSON.stringify(events))).json();
    expect(body).toMatchObject({ accepted: 3, duplicates: 1 });
    const rows = await db.sql.query<Record<string, unknown>>(
      `select route, method, minute, requests, errors, client_errors, duration_count, duration_max_ms, duration_buckets
         from healing.request_metrics where project_id = $1 and route like '/orders%'`,
      [projectId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      route: "/orders/:id",
      method: "GET",
      requests: 3,
      errors: 1,
      client_errors: 1,
      duration_count: 3,
      duration_max_ms: 900,
    });
    expect(new Date(rows[0]!.minute as string).toISOString()).toBe("2026-11-20T10:05:00.000Z");
    expect((rows[0]!.duration_buckets as number[]).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("scrubs secrets before storing", async () => {
    const event = errorEvent({
      id: "s-1",
      type: "AuthError",
      message: "login failed for jane.doe@example.com with token sk-live-abcdefghijklmnopqrstuvwx",
    });
    await post(JSON.stringify([event]));
    const rows = await db.sql.query<{ message: string }>(`select message from healing.error_events where event_id = 's-1'`);
    expect(rows[0]!.message).not.toContain("jane.doe@example.com");
    expect(rows[0]!.message).not.toContain("sk-live-abcdefghijklmnopqrstuvwx");
    expect(rows[0]!.message).toContain("[Filtered]");
  });

  it("answers 429 with Retry-After over the project's rate", async () => {
    const limited = await createProject(db.sql, { name: "limited", settings: { ingest: { eventsPerMinute: 3 } } });
    const send = (ids: string[]) =>
      handle(
        new Request("http://localhost/ingest", {
          method: "POST",
          headers: { authorization: `Bearer ${limited.ingestKey}` },
          body: JSON.stringify(ids.map((id) => requestEvent({ id }))),
        }),
      );
    expect((await send(["l-1", "l-2"])).status).toBe(202);
    const refused = await send(["l-3", "l-4"]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await send(["l-5"])).status).toBe(202);
  });

  it("counts a Vercel request once when both its error line and its request line arrive", async () => {
    const proxy = { timestamp: Date.parse("2026-11-20T10:20:00Z"), method: "GET", host: "shop.example.com", path: "/api/carts/9", statusCode: 500 };
    const base = { deploymentId: "dpl_1", projectId: "prj_1", source: "lambda", host: "shop.example.com", path: "/api/carts/9", requestId: "req-77", proxy, timestamp: Date.parse("2026-11-20T10:20:00Z") };
    const lines = [
      { ...base, id: "line-1", message: "2026-11-20T10:20:00.000Z\treq-77\tERROR\tTypeError: cart.items is not iterable\n    at total (/var/task/src/cart.js:3:20)", level: "error" },
      { ...base, id: "line-2", message: "END RequestId: req-77", level: "info" },
    ];
    const response = await post(lines.map((line) => JSON.stringify(line)).join("\n"), {}, "/functions/v1/ingest/vercel");
    expect(response.status).toBe(202);
    const rows = await db.sql.query<{ requests: number }>(
      `select sum(requests)::int as requests from healing.request_metrics where project_id = $1 and route = '/api/carts/:id'`,
      [projectId],
    );
    expect(rows[0]!.requests).toBe(1);
  });

  it("never answers 500 to malformed input", async () => {
    const bodies = [
      "",
      "null",
      "42",
      "[1,2,3]",
      '{"event_id": {}}',
      "\u0000\u0001",
      "[".repeat(5000),
      '{"exception": {"stacktrace": {"frames": "x"}}}',
    ];
    for (const body of bodies) {
      const response = await post(body);
      expect(response.status, `body ${JSON.stringify(body.slice(0, 20))}`).toBeLessThan(500);
    }
  });
});
