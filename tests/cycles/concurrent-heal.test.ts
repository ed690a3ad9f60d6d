import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import type { HealContext } from "../../src/cycles/heal-context.ts";
import { createProjectForges, type ForgeSession } from "../../src/deliver/project-forges.ts";
import { runRecordedCycle } from "../../src/cycles/run-cycle.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";
import { seedIncident } from "../support/seed-incident.ts";
import { createTestDatabase, databaseUrl, type TestDatabase } from "../support/test-database.ts";

// Two heal calls for the same cycle at once (pg_cron fires again while a run is still going, or
// two workers take the same tick): leases let each mission be worked by one runner only.

describe.skipIf(!databaseUrl)("two concurrent runs of detect-and-fix on PostgreSQL", () => {
  let db: TestDatabase;
  let repo: ExampleRepo;
  const sessions: ForgeSession[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("postgres", { max: 20 });
    repo = createExampleRepo();
    await seedIncident(db.sql, repo.dir);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    repo?.remove();
    await db?.drop();
  });

  function context(runnerId: string): HealContext {
    // Each run opens its own forges, as two heal requests would.
    const session = createProjectForges({ sql: db.sql, runner: createNodeCommandRunner(), allowMerge: false });
    sessions.push(session);
    return { sql: db.sql, logger: silentLogger, now: () => new Date(), runnerId, forgeFor: session.forgeFor };
  }

  it("never processes the same mission twice", async () => {
    const deadline = Date.now() + 120_000;
    const [a, b] = await Promise.all([
      runRecordedCycle("detect-and-fix", context("runner-a"), { deadline }),
      runRecordedCycle("detect-and-fix", context("runner-b"), { deadline }),
    ]);
    const missions = await db.sql.query<{ id: string; state: string }>(`select id, state from healing.auto_fixes`);
    expect(missions.length).toBeGreaterThanOrEqual(5);
    // Detection ran in both, but each incident opened one mission.
    expect(a.report.opened + b.report.opened).toBe(missions.length);

    const transitions = await db.sql.query<{ mission_id: string; kind: string; from: string | null; to: string | null }>(
      `select mission_id, kind, data->>'from' as "from", data->>'to' as "to"
         from healing.healing_events where mission_id is not null order by id`,
    );
    const seen = new Map<string, number>();
    for (const t of transitions) {
      const key = `${t.mission_id} ${t.kind} ${t.from}->${t.to}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);

    // Each mission's story is one unbroken chain: every step starts where the previous one ended.
    for (const mission of missions) {
      const chain = transitions.filter((t) => t.mission_id === mission.id && t.to !== null);
      chain.forEach((step, index) => {
        if (index > 0) expect(step.from).toBe(chain[index - 1]!.to);
      });
      expect(chain.at(-1)?.to).toBe(mission.state);
    }
    // Every step was counted by exactly one of the two runners.
    const steps = transitions.filter((t) => t.to !== null).length;
    expect(a.report.processed + b.report.processed).toBe(steps);
    expect(a.report.failed + b.report.failed).toBe(0);
  });
});
