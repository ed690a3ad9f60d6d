import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { createIngestHandler } from "../../src/ingest/handler.ts";
import { FILTERED } from "../../src/ingest/scrub.ts";
import { storeEvents } from "../../src/ingest/store-events.ts";
import { loadFailingRequests } from "../../src/store/errors/load-failing-requests.ts";
import { loadRequestSamples } from "../../src/store/ingest/load-request-samples.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { pruneExpiredRows } from "../../src/store/retention/prune-expired-rows.ts";
import { errorEvent, requestEvent } from "../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

// The evidence reproduction reads: a group's failing requests, and a route's successful ones.

const NOW = new Date("2026-11-20T10:30:00.000Z");
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute)).toISOString();

function failing(id: string, minute: number, url: string, body: unknown, headers: Record<string, string> = {}) {
  const event = errorEvent({ id, at: at(minute), type: "TypeError", message: "items.map is not a function", release: `r${minute}` });
  return { ...event, request: { method: "POST", url: `https://shop.test${url}`, status: 500, headers, ...(body === undefined ? {} : { body }) } };
}

function success(id: string, minute: number, path: string, method = "GET", status = 200) {
  const event = requestEvent({ id, at: at(minute), route: path, status });
  return { ...event, request: { ...(event.request as object), method, headers: { accept: "application/json" }, body: method === "GET" ? undefined : { n: minute } } };
}

describe.each(testDrivers)("request evidence on %s", (driver) => {
  let db: TestDatabase;
  let key: string;
  let projectId: string;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    db = await createTestDatabase(driver, { max: 8 });
    const created = await createProject(db.sql, { name: "evidence", settings: { ingest: { requestSamplesPerRoute: 3 } } });
    key = created.ingestKey;
    projectId = created.project.id;
    handle = createIngestHandler({ sql: db.sql, logger: silentLogger, now: () => NOW });
  });
  afterAll(async () => db?.drop());

  async function post(items: unknown[]) {
    const response = await handle(
      new Request("http://localhost/functions/v1/ingest", { method: "POST", body: JSON.stringify(items), headers: { authorization: `Bearer ${key}` } }),
    );
    expect(response.status).toBe(202);
    return response.json();
  }

  async function groupId(type: string): Promise<string> {
    const [row] = await db.sql.query<{ id: string }>(`select id from healing.detected_errors where project_id = $1 and error_type = $2`, [projectId, type]);
    return row!.id;
  }

  it("stores the failing request's headers and body scrubbed, and returns a group's distinct requests newest first", async () => {
    const secretHeaders = { authorization: "Bearer abcdefgh12345678", "x-api-key": "k1", "content-type": "application/json" };
    const items = [
      failing("f-1", 1, "/orders", { items: "sku_1" }, secretHeaders),
      failing("f-2", 2, "/orders", { items: "sku_2", password: "hunter2" }),
      failing("f-3", 3, "/orders", { items: "sku_1" }, { "content-type": "application/json", "x-attempt": "2" }),
      failing("f-4", 4, "/orders?dry=1", { items: "sku_1" }),
      failing("f-5", 5, "/orders", "items=sku_1"),
      failing("f-6", 6, "/orders", undefined),
      ...Array.from({ length: 8 }, (_, i) => failing(`f-many-${i}`, 10 + i, `/orders/${i}`, { items: `sku_${i}` })),
      { ...errorEvent({ id: "f-no-request", at: at(30), type: "TypeError", message: "items.map is not a function" }), request: undefined },
      errorEvent({ id: "other-group", at: at(31), type: "RangeError", message: "other" }),
    ];
    expect(await post(items)).toMatchObject({ accepted: items.length, rejected: [] });

    const requests = await loadFailingRequests(db.sql, await groupId("TypeError"), 20);
    // f-1 and f-3 are the same (method, url, body): only the newer, f-3, is kept.
    expect(requests.map((r) => r.url)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `https://shop.test/orders/${7 - i}`),
      "https://shop.test/orders",
      "https://shop.test/orders",
      "https://shop.test/orders?dry=1",
      "https://shop.test/orders",
      "https://shop.test/orders",
    ]);
    const byRelease = new Map(requests.map((r) => [r.release, r]));
    expect(byRelease.has("r1")).toBe(false);
    expect(byRelease.get("r3")).toMatchObject({
      method: "POST",
      headers: { "content-type": "application/json", "x-attempt": "2" },
      body: { items: "sku_1" },
      body_truncated: false,
      status: 500,
    });
    expect(byRelease.get("r3")!.occurred_at).toEqual(new Date(at(3)));
    expect(byRelease.get("r2")!.body).toEqual({ items: "sku_2", password: FILTERED });
    expect(byRelease.get("r5")!.body).toBe("items=sku_1");
    expect(byRelease.get("r6")).toMatchObject({ body: null, body_truncated: false, headers: null });

    const [stored] = await db.sql.query<{ request_headers: Record<string, string> }>(
      `select request_headers from healing.error_events where project_id = $1 and event_id = 'f-1'`,
      [projectId],
    );
    expect(stored!.request_headers).toEqual({ authorization: FILTERED, "x-api-key": FILTERED, "content-type": "application/json" });

    const capped = await loadFailingRequests(db.sql, await groupId("TypeError"));
    expect(capped).toHaveLength(10);
    expect(capped[0]!.url).toBe("https://shop.test/orders/7");
  });

  it("keeps the newest successful requests of each route and method, at most the project's setting", async () => {
    const first = await post([
      success("s-1", 1, "/items/1"),
      success("s-2", 5, "/items/2"),
      success("s-3", 3, "/items/3"),
      success("s-500", 9, "/items/4", "GET", 500),
      success("s-404", 9, "/items/4", "GET", 404),
      success("s-post", 2, "/items/5", "POST", 201),
      // An error event answered 200 is no sample of a good answer.
      { ...errorEvent({ id: "s-error", at: at(9), route: "/items/6" }), request: { url: "https://api.example.com/items/6", status: 200 } },
    ]);
    expect(first).toMatchObject({ accepted: 7, rejected: [] });
    // Newer ones replace the oldest; an older one does not replace anything; a repeat is counted once.
    await post([success("s-4", 7, "/items/7"), success("s-5", 0, "/items/8"), success("s-6", 6, "/items/9"), success("s-1", 1, "/items/1")]);

    const get = await loadRequestSamples(db.sql, projectId, "/items/:id", "GET");
    expect(get.map((s) => s.url)).toEqual([
      "https://api.example.com/items/7",
      "https://api.example.com/items/9",
      "https://api.example.com/items/2",
    ]);
    expect(get[0]).toMatchObject({ method: "GET", route: "/items/:id", status: 200, headers: { accept: "application/json" }, body: null, body_truncated: false });
    expect(get[0]!.occurred_at).toEqual(new Date(at(7)));
    const all = await loadRequestSamples(db.sql, projectId, "/items/:id");
    expect(all).toHaveLength(4);
    expect(all.find((s) => s.method === "POST")).toMatchObject({ status: 201, body: { n: 2 } });
  });

  it("holds the bound while many batches write one route at once, and keeps the newest", async () => {
    const { project } = await createProject(db.sql, { name: "racing", settings: { ingest: { requestSamplesPerRoute: 4 } } });
    const writers = Array.from({ length: 8 }, (_, w) =>
      Array.from({ length: 25 }, (_, i) => success(`race-${w}-${i}`, (i * 8 + w) % 60, `/race/${w * 100 + i}`)),
    );
    await Promise.all(
      writers.map(async (items) => {
        for (let start = 0; start < items.length; start += 5) {
          const batch = parseGenericBatch(JSON.stringify(items.slice(start, start + 5)), NOW);
          await storeEvents(db.sql, project.id, batch.events, { requestSamplesPerRoute: 4 });
        }
      }),
    );
    const samples = await loadRequestSamples(db.sql, project.id, "/race/:id", "GET");
    expect(samples.length).toBeLessThanOrEqual(4);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples[0]!.occurred_at).toEqual(new Date(at(59)));
  });

  it("keeps none at 0, and drops the slots past a lowered setting on the next write", async () => {
    const { project } = await createProject(db.sql, { name: "lowered" });
    const store = (items: unknown[], n: number) => storeEvents(db.sql, project.id, parseGenericBatch(JSON.stringify(items), NOW).events, { requestSamplesPerRoute: n });
    await store([success("l-1", 1, "/l/1"), success("l-2", 2, "/l/2"), success("l-3", 3, "/l/3")], 5);
    expect(await loadRequestSamples(db.sql, project.id, "/l/:id")).toHaveLength(3);
    await store([success("l-4", 4, "/l/4")], 2);
    expect((await loadRequestSamples(db.sql, project.id, "/l/:id")).map((s) => s.url)).toEqual([
      "https://api.example.com/l/4",
      "https://api.example.com/l/3",
    ]);
    await store([success("z-1", 5, "/zero/1")], 0);
    expect(await loadRequestSamples(db.sql, project.id, "/zero/:id")).toEqual([]);
  });

  it("lets retention delete samples no request has refreshed in 30 days", async () => {
    const { project } = await createProject(db.sql, { name: "aged" });
    await db.sql.query(
      `insert into healing.request_samples (project_id, route, method, slot, status, url, occurred_at)
       values ($1, '/old', 'GET', 0, 200, '/old', $2::timestamptz - interval '31 days'),
              ($1, '/new', 'GET', 0, 200, '/new', $2::timestamptz - interval '1 day')`,
      [project.id, NOW.toISOString()],
    );
    const pruned = await pruneExpiredRows(db.sql, NOW);
    expect(pruned.requestSamples).toBeGreaterThanOrEqual(1);
    const left = await db.sql.query<{ route: string }>(`select route from healing.request_samples where project_id = $1`, [project.id]);
    expect(left).toEqual([{ route: "/new" }]);
  });
});
