import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject } from "../../src/store/projects/create-project.ts";
import { errorEvent } from "../support/events.ts";
import { type ServedFunction, serveFunction } from "../support/deno-function.ts";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../support/test-database.ts";

describe.skipIf(!databaseUrl)("ingest edge function under real Deno", () => {
  let db: TestDatabase;
  let served: ServedFunction;
  let key: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    key = (await createProject(db.sql, { name: "deno" })).ingestKey;
    served = await serveFunction("ingest", { SUPABASE_DB_URL: db.url!, DATABASE_URL: db.url! });
  }, 120_000);
  afterAll(async () => {
    await served?.stop();
    await db?.drop();
  });

  it("stores a posted batch and answers 202", async () => {
    const response = await fetch(`${served.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify([errorEvent({ id: "deno-1" }), errorEvent({ id: "deno-2" })]),
    });
    expect(response.status, served.output()).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const rows = await db.sql.query<{ event_count: number }>(`select event_count from healing.detected_errors`);
    expect(rows).toEqual([{ event_count: 2 }]);
  });

  it("stores hostile text replaced, rejects an out-of-range line number alone, and never answers 500", async () => {
    const overflow = errorEvent({ id: "deno-line" });
    const items = [
      errorEvent({ id: "deno-nul", message: "bad\u0000 value \ud800", type: "TypeError" }),
      { ...overflow, exception: { type: "E", stacktrace: { frames: [{ filename: "src/a.ts", lineno: 2 ** 31 }] } } },
      errorEvent({ id: "deno-ok" }),
    ];
    const response = await fetch(`${served.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify(items),
    });
    expect(response.status, served.output()).toBe(202);
    const body = await response.json();
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, error: "exception.stacktrace.frames.0.lineno: must be at most 2147483647" }]);
    const rows = await db.sql.query<{ message: string; sanitized: string[] }>(
      `select message, sanitized from healing.error_events where event_id = 'deno-nul'`,
    );
    expect(rows).toEqual([{ message: "bad\ufffd value \ufffd", sanitized: ["exception.value"] }]);
  });

  it("answers 401 without a key and 400 for a broken body, with no stack trace", async () => {
    const unauthorized = await fetch(`${served.url}/functions/v1/ingest`, { method: "POST", body: "[]" });
    expect(unauthorized.status).toBe(401);
    const broken = await fetch(`${served.url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: "{nope",
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/\s+at\s+\S+ \(/);
  });
});
