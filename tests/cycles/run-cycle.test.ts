import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { ForgeUnavailableError } from "../../src/deliver/project-forges.ts";
import { CycleRunError, runCycle, runRecordedCycle } from "../../src/cycles/run-cycle.ts";
import { listCycleRuns } from "../../src/store/cycles/list-cycle-runs.ts";
import { failingSql } from "../support/failing-sql.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";

describe.each(testDrivers)("runCycle records every run in healing.cycle_runs on %s", (driver) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(driver);
  });
  afterAll(async () => db?.drop());

  function context(overrides: Partial<HealContext> = {}): HealContext {
    return {
      sql: db.sql,
      logger: silentLogger,
      now: () => new Date(),
      runnerId: "runner-a",
      forgeFor: async () => {
        throw new ForgeUnavailableError("no forge in this test");
      },
      ...overrides,
    };
  }

  it("writes a finished row with the run's counts and outcome succeeded", async () => {
    const run = await runRecordedCycle("pattern-learning", context(), { deadline: Date.now() + 10_000 });
    expect(run.outcome).toBe("succeeded");
    const [row] = await listCycleRuns(db.sql, { cycle: "pattern-learning", limit: 1 });
    expect(row).toMatchObject({ id: run.runId, cycle: "pattern-learning", runner: "runner-a", outcome: "succeeded", processed: 0, failed: 0, error: null });
    expect(row!.finished_at).not.toBeNull();
    expect(new Date(row!.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(row!.started_at).getTime());
  });

  it("records a cycle that throws as failed with its message, and throws the error on", async () => {
    // The project list is the cycle's first read; losing it fails the whole run.
    const ctx = context({ runnerId: "runner-b", sql: failingSql(db.sql, /from healing\.projects/, "connection to the database was lost") });
    await expect(runCycle("detect-and-fix", ctx, { deadline: Date.now() + 10_000 })).rejects.toThrow("connection to the database was lost");
    const failed = await runRecordedCycle("detect-and-fix", ctx, { deadline: Date.now() + 10_000 }).catch((error) => error);
    expect(failed).toBeInstanceOf(CycleRunError);
    expect(failed.code).toBe("CYCLE_FAILED");
    const rows = await listCycleRuns(db.sql, { cycle: "detect-and-fix" });
    expect(rows.filter((row) => row.runner === "runner-b").map((row) => [row.outcome, row.error])).toEqual([
      ["failed", "connection to the database was lost"],
      ["failed", "connection to the database was lost"],
    ]);
    expect(rows.find((row) => row.id === failed.runId)?.finished_at).not.toBeNull();
  });

  it("skips a run whose deadline passed before it started", async () => {
    const run = await runRecordedCycle("deployment-monitoring", context({ runnerId: "runner-c" }), { deadline: Date.now() - 1 });
    expect(run.outcome).toBe("skipped");
    expect(run.report).toMatchObject({ processed: 0, deadlineReached: true });
    const [row] = await listCycleRuns(db.sql, { cycle: "deployment-monitoring", limit: 1 });
    expect(row).toMatchObject({ runner: "runner-c", outcome: "skipped" });
  });

  it("writes nothing when asked not to record", async () => {
    const before = (await listCycleRuns(db.sql)).length;
    const run = await runRecordedCycle("pattern-learning", context(), { deadline: Date.now() + 10_000, recordRun: false });
    expect(run.runId).toBeNull();
    expect((await listCycleRuns(db.sql)).length).toBe(before);
  });

  it("shows each cycle's last run, lag and the last day's failures in healing.cycle_health", async () => {
    const rows = await db.sql.query<{ cycle: string; last_outcome: string; last_error: string | null; failures_last_day: number; runs_last_day: number; lag_seconds: number }>(
      `select cycle, last_outcome, last_error, failures_last_day::int, runs_last_day::int,
              extract(epoch from lag)::float8 as lag_seconds
         from healing.cycle_health order by cycle`,
    );
    expect(rows.map((row) => [row.cycle, row.last_outcome, row.failures_last_day])).toEqual([
      ["deployment-monitoring", "skipped", 0],
      ["detect-and-fix", "failed", 2],
      ["pattern-learning", "succeeded", 0],
    ]);
    expect(rows.find((row) => row.cycle === "detect-and-fix")?.last_error).toBe("connection to the database was lost");
    for (const row of rows) {
      expect(row.lag_seconds).toBeGreaterThanOrEqual(0);
      expect(row.lag_seconds).toBeLessThan(600);
    }
    const failures = await db.sql.query<{ cycle: string; outcome: string }>(`select cycle, outcome from healing.cycle_failures`);
    expect(failures).toEqual([
      { cycle: "detect-and-fix", outcome: "failed" },
      { cycle: "detect-and-fix", outcome: "failed" },
    ]);
  });

  it("counts a run left unfinished for over 15 minutes as abandoned", async () => {
    await db.sql.query(`insert into healing.cycle_runs (cycle, runner, started_at) values ('pattern-learning', 'crashed', now() - interval '20 minutes')`);
    const [row] = await db.sql.query<{ abandoned_runs_last_day: number; last_outcome: string }>(
      `select abandoned_runs_last_day::int, last_outcome from healing.cycle_health where cycle = 'pattern-learning'`,
    );
    expect(row).toEqual({ abandoned_runs_last_day: 1, last_outcome: "succeeded" });
  });
});
