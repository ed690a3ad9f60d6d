import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient, FunctionsHttpError } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrate.ts";
import { createPostgresSql } from "../../src/store/postgres/postgres-driver.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import type { Sql } from "../../src/store/sql.ts";
import { errorEvent } from "../support/events.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { probePgCron } from "../support/pg-cron.ts";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../support/test-database.ts";

// `suture dev` as a user runs it: a child process serving the functions under real Deno, driven by
// supabase-js, NOTIFY and finally a real pg_cron tick:
//   pg_cron → healing.invoke_cycle → NOTIFY → suture dev → supabase-js → Deno heal → PostgreSQL.

const cron = await probePgCron(databaseUrl);
const SECRET = "dev-test-secret-0123456789abcdef";
/** One pg_cron tick: jobs fire on the minute, so at most 60 s plus the run itself. */
const CRON_TICK_WAIT_MS = 70_000;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!databaseUrl)("suture dev", () => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  let dev: ChildProcess;
  let stdout = "";
  let stderr = "";
  let url: string;
  let ingestKey: string;
  let projectId: string;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    repo = createExampleRepo();
    ({ project: { id: projectId }, ingestKey } = await createProject(db.sql, { name: "shop", repo: repo.dir }));
    dev = spawn(process.execPath, ["bin/suture.js", "dev", "--port", "0"], {
      env: { ...process.env, DATABASE_URL: db.url!, SUTURE_CRON_SECRET: SECRET, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    dev.stdout!.on("data", (chunk) => (stdout += chunk));
    dev.stderr!.on("data", (chunk) => (stderr += chunk));
    const ready = await waitFor("suture dev to start", 100_000, async () => {
      if (dev.exitCode !== null) throw new Error(`suture dev exited with ${dev.exitCode}:\n${stdout}\n${stderr}`);
      return /functions at (http:\/\/127\.0\.0\.1:\d+)\/functions\/v1/.exec(stdout);
    });
    url = ready[1]!;
  }, 120_000);

  afterAll(async () => {
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once("exit", resolve));
      dev.kill("SIGTERM");
      await exited;
    }
    repo?.remove();
    await db?.drop();
  });

  it("serves every function at Supabase's URL layout, /functions/v1/<name>", async () => {
    const ingest = await fetch(`${url}/functions/v1/ingest`, {
      method: "POST",
      headers: { authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify([errorEvent({ id: "dev-1" })]),
    });
    expect(ingest.status, stderr).toBe(202);
    expect(await ingest.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const missing = await fetch(`${url}/functions/v1/nope`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/\/functions\/v1\/heal/);
  });

  it("answers supabase-js functions.invoke: 401 without the secret, the run's report with it", async () => {
    const supabase = createClient(url, "anon-key-placeholder", {
      auth: { persistSession: false },
      realtime: { transport: class { constructor() { throw new Error("no realtime in this test"); } } as never },
    });
    const refused = await supabase.functions.invoke("heal", { body: { cycle: "pattern-learning" } });
    expect(refused.error).toBeInstanceOf(FunctionsHttpError);
    expect((refused.error as FunctionsHttpError).context.status).toBe(401);
    const run = await supabase.functions.invoke("heal", { body: { cycle: "pattern-learning" }, headers: { "x-suture-cron-secret": SECRET } });
    expect(run.error).toBeNull();
    expect(run.data).toMatchObject({ cycle: "pattern-learning", outcome: "succeeded", failed: 0 });
    const [row] = await db.sql.query<{ outcome: string }>(`select outcome from healing.cycle_runs where id = $1`, [run.data.runId]);
    expect(row).toEqual({ outcome: "succeeded" });
  });

  it("turns each NOTIFY suture_cycles into one heal call and prints a line for it", async () => {
    await db.sql.query(`select healing.invoke_cycle('deployment-monitoring')`);
    const line = await waitFor("the invocation line", 20_000, async () => /heal deployment-monitoring: succeeded run=(\d+) .*\n/.exec(stdout));
    const [row] = await db.sql.query<{ cycle: string; outcome: string }>(`select cycle, outcome from healing.cycle_runs where id = $1`, [Number(line[1])]);
    expect(row).toEqual({ cycle: "deployment-monitoring", outcome: "succeeded" });
  });

  describe.skipIf(!cron.available)(`with a real pg_cron tick (${cron.available ? cron.database : `skipped: ${cron.reason}`})`, () => {
    let cronSql: Sql;
    const jobName = `suture-e2e-${Date.now().toString(36)}`;

    beforeAll(async () => {
      cronSql = createPostgresSql({ url: databaseUrl!, max: 1 });
      await migrate(cronSql);
    });
    afterAll(async () => {
      await cronSql?.query(`select cron.unschedule(jobid) from cron.job where jobname = $1`, [jobName]).catch(() => {});
      await cronSql?.close();
    });

    it("fires detect-and-fix, which moves a seeded incident forward", async () => {
      // The incident reaches the database through the ingest function, as production errors do.
      const events = readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8")
        .split("\n").filter((line) => line.includes("formatPrice is not defined")).join("\n");
      const ingest = await fetch(`${url}/functions/v1/ingest`, { method: "POST", headers: { authorization: `Bearer ${ingestKey}` }, body: events });
      expect(ingest.status).toBe(202);

      // pg_cron keeps its jobs in its own database; schedule_in_database runs this job's command,
      // the one the migration scheduled for detect-and-fix, in this test's fresh database.
      const [scheduled] = await cronSql.query<{ command: string }>(`select command from cron.job where jobname = 'suture-detect-and-fix'`);
      expect(scheduled!.command).toBe("select healing.invoke_cycle('detect-and-fix')");
      const [{ jobid }] = await cronSql.query<{ jobid: number }>(
        `select cron.schedule_in_database($1, '* * * * *', $2, $3) as jobid`,
        [jobName, scheduled!.command, new URL(db.url!).pathname.slice(1)],
      );

      const run = await waitFor("a cron-fired detect-and-fix run", CRON_TICK_WAIT_MS + 30_000, async () => {
        const [row] = await db.sql.query<{ id: number; outcome: string; opened: number; processed: number }>(
          `select id, outcome, opened, processed from healing.cycle_runs
            where cycle = 'detect-and-fix' and finished_at is not null order by id limit 1`,
        );
        return row;
      });
      expect(run).toMatchObject({ outcome: "succeeded", opened: 1 });
      expect(run.processed).toBeGreaterThan(0);
      // The row is complete a moment before the HTTP answer reaches suture dev and is printed.
      const line = new RegExp(`heal detect-and-fix: succeeded run=${run.id} processed=${run.processed} opened=1 failed=0`);
      await waitFor("suture dev's line for the run", 10_000, async () => line.test(stdout));

      const [mission] = await db.sql.query<{ id: string; state: string }>(`select id, state from healing.auto_fixes where project_id = $1`, [projectId]);
      expect(mission!.state).not.toBe("detected");
      const kinds = await db.sql.query<{ kind: string }>(`select kind from healing.healing_events where mission_id = $1 order by id`, [mission!.id]);
      expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["mission.detected", "mission.diagnosing", "mission.diagnosed"]));

      // pg_cron's own record says the job ran; what the run did is only in cycle_runs.
      const details = await cronSql.query<{ status: string }>(`select status from cron.job_run_details where jobid = $1`, [jobid]);
      expect(details.map((d) => d.status)).toContain("succeeded");
    }, CRON_TICK_WAIT_MS + 60_000);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => dev.once("exit", (code) => resolve(code)));
    dev.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/SIGTERM, stopping\nsuture dev: stopped\n/);
  });
});
