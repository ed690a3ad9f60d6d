import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../src/store/generated/migrations.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createPostgresSql } from "../../src/store/postgres/postgres-driver.ts";
import type { Sql } from "../../src/store/sql.ts";
import { probePgCron } from "../support/pg-cron.ts";
import { createTestDatabase, databaseUrl, type TestDatabase, testDrivers } from "../support/test-database.ts";

const cron = await probePgCron(databaseUrl);
const SCHEDULES_SQL = migrations.find((migration) => migration.name === "cycle_schedules")!.sql;

interface CronJob {
  jobid: number;
  jobname: string;
  schedule: string;
  command: string;
  database: string;
  active: boolean;
}

async function sutureJobs(sql: Sql): Promise<CronJob[]> {
  return sql.query<CronJob>(
    // This database's jobs only: the suture dev end-to-end test schedules a job of its own for
    // its test database, and may run at the same time.
    `select jobid, jobname, schedule, command, database, active from cron.job
      where jobname like 'suture-%' and database = current_database() order by jobname`,
  );
}

describe.each(testDrivers)("the cycle schedules migration where pg_cron is absent (%s)", (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(async () => db?.drop());

  it("applies, schedules nothing, and says so", async () => {
    const [row] = await db.sql.query<{ result: string; cron: string | null }>(
      `select healing.ensure_cycle_schedule('detect-and-fix', '* * * * *') as result, to_regclass('cron.job')::text as cron`,
    );
    expect(row).toEqual({ result: "skipped", cron: null });
  });

  it("makes invoke_cycle fall back to NOTIFY and refuse names that are not cycle names", async () => {
    const [row] = await db.sql.query<{ result: string }>(`select healing.invoke_cycle('detect-and-fix') as result`);
    expect(row!.result).toBe("notify");
    await expect(db.sql.query(`select healing.invoke_cycle('x''); drop table healing.projects; --')`)).rejects.toThrow(/is not a cycle name/);
    await expect(db.sql.query(`select healing.invoke_cycle(null)`)).rejects.toThrow(/is not a cycle name/);
  });
});

describe.skipIf(!databaseUrl)("invoke_cycle on PostgreSQL without pg_net", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
  });
  afterAll(async () => db?.drop());

  it("sends the cycle's name on the suture_cycles channel", async () => {
    const listener = postgres(db.url!, { max: 1, onnotice: () => {} });
    try {
      const received: string[] = [];
      await listener.listen("suture_cycles", (payload) => received.push(payload));
      await db.sql.query(`select healing.invoke_cycle('pattern-learning')`);
      const deadline = Date.now() + 5_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received).toEqual(["pattern-learning"]);
    } finally {
      await listener.end({ timeout: 5 });
    }
  });
});

describe.skipIf(!cron.available)(`the cycle schedules in pg_cron (${cron.available ? cron.database : `skipped: ${cron.reason}`})`, () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = createPostgresSql({ url: databaseUrl!, max: 2 });
    await migrate(sql);
  });
  afterAll(async () => sql?.close());

  it("exist in cron.job after migrating, one per cycle, calling invoke_cycle in this database", async () => {
    const jobs = await sutureJobs(sql);
    expect(jobs.map(({ jobname, schedule, command, database, active }) => ({ jobname, schedule, command, database, active }))).toEqual([
      { jobname: "suture-deployment-monitoring", schedule: "*/2 * * * *", command: "select healing.invoke_cycle('deployment-monitoring')", database: cron.database, active: true },
      { jobname: "suture-detect-and-fix", schedule: "* * * * *", command: "select healing.invoke_cycle('detect-and-fix')", database: cron.database, active: true },
      { jobname: "suture-pattern-learning", schedule: "*/10 * * * *", command: "select healing.invoke_cycle('pattern-learning')", database: cron.database, active: true },
      { jobname: "suture-retention", schedule: "17 * * * *", command: "select healing.invoke_cycle('retention')", database: cron.database, active: true },
    ]);
  });

  it("are unchanged by migrating again, even when the schedules migration itself runs again", async () => {
    const before = await sutureJobs(sql);
    const report = await migrate(sql);
    expect(report.applied).toEqual([]);
    await sql.exec(SCHEDULES_SQL);
    expect(await sutureJobs(sql)).toEqual(before);
  });

  it("are replaced when their schedule changes and left alone when it does not", async () => {
    const cycle = `test-${Date.now().toString(36)}`;
    try {
      const ensure = async (schedule: string) =>
        (await sql.query<{ result: string }>(`select healing.ensure_cycle_schedule($1, $2) as result`, [cycle, schedule]))[0]!.result;
      const job = async () => (await sql.query<CronJob>(`select jobid, schedule from cron.job where jobname = $1`, [`suture-${cycle}`]));
      expect(await ensure("*/5 * * * *")).toBe("created");
      const [created] = await job();
      expect(await ensure("*/5 * * * *")).toBe("unchanged");
      expect(await job()).toEqual([created]);
      expect(await ensure("*/7 * * * *")).toBe("updated");
      const updated = await job();
      expect(updated.map((j) => j.schedule)).toEqual(["*/7 * * * *"]);
    } finally {
      await sql.query(`select cron.unschedule(jobid) from cron.job where jobname = $1`, [`suture-${cycle}`]);
    }
  });
});
