import { readFileSync } from "node:fs";
import * as Sentry from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import { createIngestHandler } from "../../src/ingest/handler.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { type ServedHandler, serveHandler } from "../support/serve-handler.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// The real @sentry/node SDK, pointed at Suture by nothing but its DSN.
describe("an app using @sentry/node reports to Suture by changing its DSN", () => {
  let db: TestDatabase;
  let served: ServedHandler;
  let projectId: string;

  beforeAll(async () => {
    db = await createTestDatabase(process.env.DATABASE_URL ? "postgres" : "pglite");
    const { project, ingestKey } = await createProject(db.sql, { name: "sentry-app" });
    projectId = project.id;
    served = await serveHandler(createIngestHandler({ sql: db.sql, logger: silentLogger }));
    Sentry.init({
      dsn: `http://${ingestKey}@127.0.0.1:${served.port}/functions/v1/ingest/${project.public_id}`,
      release: "v2.0.1",
      environment: "production",
      // Tracing would instrument the test's own server and report its requests too.
      tracesSampleRate: 0,
      defaultIntegrations: false,
    });
  });
  afterAll(async () => {
    await Sentry.close(2000);
    await served?.close();
    await db?.drop();
  });

  it("stores captured exceptions as grouped errors with their stack frames", async () => {
    function loadUser(users: Record<string, { email: string }>, id: string) {
      return users[id]!.email;
    }
    for (const id of ["8812", "9921"]) {
      try {
        loadUser({}, id);
      } catch (error) {
        Sentry.withScope((scope) => {
          scope.setUser({ id: `user-${id}` });
          Sentry.captureException(error);
        });
      }
    }
    expect(await Sentry.flush(5000)).toBe(true);

    const groups = await db.sql.query<{ error_type: string; event_count: number; user_count: number; last_release: string; culprit_function: string }>(
      `select error_type, event_count, user_count, last_release, culprit_function from healing.detected_errors where project_id = $1`,
      [projectId],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ error_type: "TypeError", event_count: 2, user_count: 2, last_release: "v2.0.1" });
    expect(groups[0]!.culprit_function).toMatch(/loadUser/);
  });

  it("accepts the SDK's gzip-compressed envelope for large events (recorded)", async () => {
    const recorded = readFileSync("tests/fixtures/sentry/node-10-large-event.envelope.gz");
    const other = await createProject(db.sql, { name: "gzip-app", ingestKey: "0123456789abcdef0123456789abcdef" });
    // The recording's own time, so the 30-day freshness window does not age this test out.
    const handle = createIngestHandler({ sql: db.sql, logger: silentLogger, now: () => new Date("2026-11-21T12:00:00Z") });
    const response = await handle(
      new Request(`http://localhost/api/${other.project.public_id}/envelope/?sentry_version=7&sentry_key=0123456789abcdef0123456789abcdef`, {
        method: "POST",
        headers: { "content-encoding": "gzip" },
        body: recorded,
      }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).accepted).toBe(1);
  });

  it("refuses an envelope whose DSN key is wrong", async () => {
    const response = await fetch(`${served.url}/functions/v1/ingest/api/1/envelope/?sentry_key=ffffffffffffffffffffffffffffffff&sentry_version=7`, {
      method: "POST",
      body: '{"event_id":"0123456789abcdef0123456789abcdef"}\n{"type":"event"}\n{"message":"x","level":"error"}\n',
    });
    expect(response.status).toBe(401);
  });
});
