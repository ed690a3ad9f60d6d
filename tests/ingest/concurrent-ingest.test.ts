import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { storeEvents } from "../../src/ingest/store-events.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../support/test-database.ts";
import { errorEvent, nodeStack } from "../support/events.ts";

// 8 writers × 5,000 events, 10 % of ids repeated (across writers, so repeats race each other).
const WRITERS = 8;
const EVENTS_PER_WRITER = 5_000;
const BATCH = 500;
const GROUPS = 7;
const USERS = 97;

function writerEvents(writer: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < EVENTS_PER_WRITER; i++) {
    // Every tenth event re-sends an id that another writer also sends.
    const id = i % 10 === 0 ? `shared-${i}` : `w${writer}-${i}`;
    const group = i % GROUPS;
    const message = `Order ${1000 + i} failed in step ${group}`;
    events.push(
      errorEvent({
        id,
        type: `StepError${group}`,
        message,
        stack: nodeStack(`StepError${group}`, message, `step${group}`, `src/steps/step-${group}.ts`, 10 + group),
        userId: `user-${(i * 7 + writer) % USERS}`,
        at: new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + i * 100).toISOString(),
      }),
    );
  }
  return events;
}

describe.each(testDrivers)("concurrent ingest on %s", (driver) => {
  let db: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    db = await createTestDatabase(driver, { max: WRITERS });
    projectId = (await createProject(db.sql, { name: "load" })).project.id;
  });
  afterAll(async () => db?.drop());

  it("keeps exact counts with 8 writers and 10 % repeated event ids", async () => {
    const all = Array.from({ length: WRITERS }, (_, writer) => writerEvents(writer));
    const results = await Promise.all(
      all.map(async (events) => {
        let accepted = 0;
        let duplicates = 0;
        for (let start = 0; start < events.length; start += BATCH) {
          const batch = parseGenericBatch(JSON.stringify(events.slice(start, start + BATCH)), new Date("2026-11-20T11:00:00Z"));
          expect(batch.rejected).toEqual([]);
          const stored = await storeEvents(db.sql, projectId, batch.events);
          accepted += stored.accepted;
          duplicates += stored.duplicates;
        }
        return { accepted, duplicates };
      }),
    );

    const uniqueIds = new Set(all.flat().map((event) => event.event_id as string));
    const totalAccepted = results.reduce((sum, r) => sum + r.accepted, 0);
    const totalDuplicates = results.reduce((sum, r) => sum + r.duplicates, 0);
    expect(totalAccepted).toBe(uniqueIds.size);
    expect(totalAccepted + totalDuplicates).toBe(WRITERS * EVENTS_PER_WRITER);

    const [events] = await db.sql.query<{ n: number }>(`select count(*)::int as n from healing.error_events where project_id = $1`, [projectId]);
    expect(events!.n).toBe(uniqueIds.size);

    const groups = await db.sql.query<{ error_type: string; event_count: number; user_count: number }>(
      `select error_type, event_count, user_count from healing.detected_errors where project_id = $1 order by error_type`,
      [projectId],
    );
    expect(groups).toHaveLength(GROUPS);

    // Expected per group: distinct ids and distinct users among the events that were stored first.
    const expected = new Map<string, { ids: Set<string>; users: Set<string> }>();
    for (const event of all.flat()) {
      const type = (event.exception as { type: string }).type;
      const entry = expected.get(type) ?? { ids: new Set(), users: new Set() };
      entry.ids.add(event.event_id as string);
      expected.set(type, entry);
    }
    const stored = await db.sql.query<{ error_type: string; users: number }>(
      `select error_type, count(distinct user_key)::int as users from healing.error_events where project_id = $1 group by error_type`,
      [projectId],
    );
    for (const group of groups) {
      expect(group.event_count).toBe(expected.get(group.error_type)!.ids.size);
      expect(group.user_count).toBe(stored.find((s) => s.error_type === group.error_type)!.users);
    }
    expect(groups.reduce((sum, g) => sum + g.event_count, 0)).toBe(uniqueIds.size);
  });
});
