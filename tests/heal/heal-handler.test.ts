import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { createHealHandler, type HealHandlerDeps } from "../../src/heal/heal-handler.ts";
import { createProjectForges } from "../../src/deliver/project-forges.ts";
import { listCycleRuns } from "../../src/store/cycles/list-cycle-runs.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { failingSql } from "../support/failing-sql.ts";
import { seedIncident } from "../support/seed-incident.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const SECRET = "test-cron-secret-0123456789abcdef";
const STACK_LINE = /\s+at\s+\S+ \(/;

describe("heal handler", () => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let handler: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    repo = createExampleRepo();
    handler = createHealHandler(deps());
  });
  afterAll(async () => {
    repo?.remove();
    await db?.drop();
  });

  function deps(overrides: Partial<HealHandlerDeps> = {}): HealHandlerDeps {
    return {
      sql: db.sql,
      logger: silentLogger,
      cronSecret: SECRET,
      openForges: () => createProjectForges({ sql: db.sql, runner: createNodeCommandRunner(), allowMerge: false }),
      ...overrides,
    };
  }

  function post(body: unknown, headers: Record<string, string> = { "x-suture-cron-secret": SECRET }): Request {
    return new Request("http://localhost/functions/v1/heal", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  it("refuses anything but POST with 405", async () => {
    const response = await handler(new Request("http://localhost/functions/v1/heal"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 401 without a secret or with a wrong one, before reading the body", async () => {
    const missing = await handler(post({ cycle: "detect-and-fix" }, {}));
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatch(/x-suture-cron-secret/);
    const wrong = await handler(post("not even json", { "x-suture-cron-secret": `${SECRET}x` }));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatch(/SUTURE_CRON_SECRET/);
    expect(await listCycleRuns(db.sql)).toEqual([]);
  });

  it("prefers the dedicated header over Authorization, which supabase-js fills with its own key", async () => {
    const response = await handler(post({ cycle: "pattern-learning" }, { "x-suture-cron-secret": SECRET, authorization: "Bearer anon-key" }));
    expect(response.status).toBe(200);
    const bearer = await handler(post({ cycle: "pattern-learning" }, { authorization: `Bearer ${SECRET}` }));
    expect(bearer.status).toBe(200);
  });

  it("answers 503 with what to set when no secret is configured", async () => {
    const unconfigured = createHealHandler(deps({ cronSecret: null }));
    const response = await unconfigured(post({ cycle: "detect-and-fix" }));
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatch(/supabase secrets set SUTURE_CRON_SECRET/);
  });

  it("answers 400 with the reason for a body that is not JSON or names no known cycle", async () => {
    const broken = await handler(post("{cycle"));
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/body must be JSON/);
    const unknown = await handler(post({ cycle: "self-destruct" }));
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toBe(
      "invalid heal request: cycle: cycle must be one of detect-and-fix, pattern-learning, deployment-monitoring, retention",
    );
    const negative = await handler(post({ cycle: "detect-and-fix", budget_ms: -5 }));
    expect(negative.status).toBe(400);
    expect((await negative.json()).error).toMatch(/^invalid heal request: budget_ms: /);
  });

  it("runs the cycle and answers its report; the incident's missions move forward", async () => {
    const { projectId } = await seedIncident(db.sql, repo.dir, { only: /formatPrice is not defined/ });
    const response = await handler(post({ cycle: "detect-and-fix" }));
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ cycle: "detect-and-fix", outcome: "succeeded", opened: 1, failed: 0, deadlineReached: false, errors: [] });
    expect(report.processed).toBeGreaterThan(0);
    const [run] = await listCycleRuns(db.sql, { cycle: "detect-and-fix", limit: 1 });
    expect(run).toMatchObject({ id: report.runId, outcome: "succeeded", opened: 1, processed: report.processed });
    const kinds = await db.sql.query<{ kind: string }>(
      `select kind from healing.healing_events where project_id = $1 order by id`,
      [projectId],
    );
    expect(kinds.map((k) => k.kind).slice(0, 3)).toEqual(["mission.detected", "mission.diagnosing", "mission.diagnosed"]);
  });

  it("records a project without a usable forge as that project's failure, with the reason, and leaves its missions waiting", async () => {
    const { project } = await createProject(db.sql, { name: "remote", repo: "acme/shop" });
    await db.sql.query(
      `insert into healing.detected_errors (project_id, fingerprint, title, error_type, normalized_message, first_seen, last_seen, event_count)
       values ($1, 'fp-remote', 'TypeError: x is undefined', 'TypeError', 'x is undefined', now(), now(), 5)`,
      [project.id],
    );
    const response = await handler(post({ cycle: "detect-and-fix" }));
    const report = await response.json();
    expect(response.status).toBe(200);
    expect(report.errors).toEqual([
      `${project.id}: project ${project.id} uses the repository acme/shop, and this runner has no GITHUB_TOKEN (set it with: supabase secrets set GITHUB_TOKEN=...); its missions wait until it does`,
    ]);
    const missions = await db.sql.query<{ state: string; locked_by: string | null }>(
      `select state, locked_by from healing.auto_fixes where project_id = $1`,
      [project.id],
    );
    expect(missions).toEqual([{ state: "detected", locked_by: null }]);
    const [event] = await db.sql.query<{ kind: string; data: { code: string } }>(
      `select kind, data from healing.healing_events where project_id = $1 and kind = 'cycle.project_failed'`,
      [project.id],
    );
    expect(event?.data.code).toBe("FORGE_UNAVAILABLE");
  });

  it("caps the run at the function's budget and reports a run cut short as partial", async () => {
    const tight = createHealHandler(deps({ maxBudgetMs: 0 }));
    const response = await tight(post({ cycle: "pattern-learning", budget_ms: 60_000 }));
    expect(response.status).toBe(200);
    // A zero budget is spent before the run starts.
    expect(await response.json()).toMatchObject({ outcome: "skipped", deadlineReached: true });
  });

  it("answers 500 with the recorded reason when the cycle itself fails, never a stack trace", async () => {
    const broken = createHealHandler(deps({ sql: failingSql(db.sql, /from healing\.projects/, "the database went away") }));
    const response = await broken(post({ cycle: "detect-and-fix" }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(STACK_LINE);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ cycle: "detect-and-fix", error: "the detect-and-fix cycle failed: the database went away; see healing.cycle_runs" });
    const [run] = await listCycleRuns(db.sql, { cycle: "detect-and-fix", limit: 1 });
    expect(run).toMatchObject({ id: body.runId, outcome: "failed", error: "the database went away" });
  });
});
