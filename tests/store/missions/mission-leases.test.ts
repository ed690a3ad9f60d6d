import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEvents } from "../../../src/ingest/store-events.ts";
import { parseGenericBatch } from "../../../src/ingest/generic-event.ts";
import { claimMissions } from "../../../src/store/missions/claim-missions.ts";
import { LeaseLostError, updateMission } from "../../../src/store/missions/update-mission.ts";
import { openMission } from "../../../src/store/missions/open-mission.ts";
import { createProject } from "../../../src/store/projects/create-project.ts";
import { errorEvent, nodeStack } from "../../support/events.ts";
import { createTestDatabase, type TestDatabase, testDrivers } from "../../support/test-database.ts";

// Row leases: two runners never hold the same mission; a dead runner's mission comes back.

describe.each(testDrivers)("mission leases on %s", (driver) => {
  let db: TestDatabase;
  let projectId: string;
  const missionIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(driver, { max: 4 });
    projectId = (await createProject(db.sql, { name: "leases" })).project.id;
    const events = Array.from({ length: 12 }, (_, i) =>
      errorEvent({ id: `e${i}`, type: `Error${i}`, message: `boom ${i}`, stack: nodeStack(`Error${i}`, `boom ${i}`, `fn${i}`) }),
    );
    await storeEvents(db.sql, projectId, parseGenericBatch(JSON.stringify(events), null).events);
    const groups = await db.sql.query<{ id: string; fingerprint: string }>(`select id, fingerprint from healing.detected_errors`);
    for (const group of groups) {
      const mission = await openMission(db.sql, {
        projectId,
        detectedErrorId: group.id,
        fingerprint: group.fingerprint,
        incident: { kind: "new-group" },
        severity: "P3",
        severityInputs: {},
      });
      missionIds.push(mission!.id);
    }
  });
  afterAll(async () => db?.drop());

  it("opens one mission per incident: a second open for the same group is refused", async () => {
    const [group] = await db.sql.query<{ id: string; fingerprint: string }>(`select id, fingerprint from healing.detected_errors limit 1`);
    const again = await openMission(db.sql, { projectId, detectedErrorId: group!.id, fingerprint: group!.fingerprint, incident: {}, severity: "P3", severityInputs: {} });
    expect(again).toBeNull();
  });

  it("gives concurrent runners disjoint missions", async () => {
    const claims = await Promise.all(
      ["runner-a", "runner-b", "runner-c"].map((runnerId) =>
        claimMissions(db.sql, { projectId, runnerId, states: ["detected"], limit: 5, leaseSeconds: 60 }),
      ),
    );
    const ids = claims.flat().map((mission) => mission.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(12);
    const rest = await claimMissions(db.sql, { projectId, runnerId: "runner-d", states: ["detected"], limit: 5, leaseSeconds: 60 });
    expect(rest).toEqual([]);
  });

  it("refuses a write from a runner whose lease was taken over", async () => {
    const missionId = missionIds[0]!;
    await db.sql.query(`update healing.auto_fixes set locked_until = now() - interval '1 second' where id = $1`, [missionId]);
    const [taken] = await claimMissions(db.sql, { projectId, runnerId: "runner-e", states: ["detected"], limit: 1, leaseSeconds: 60 });
    expect(taken!.id).toBe(missionId);
    const owner = await db.sql.query<{ locked_by: string }>(`select locked_by from healing.auto_fixes where id = $1`, [missionId]);
    expect(owner[0]!.locked_by).toBe("runner-e");
    await expect(updateMission(db.sql, missionId, "runner-a", { state: "diagnosing" })).rejects.toBeInstanceOf(LeaseLostError);
    await expect(updateMission(db.sql, missionId, "runner-e", { state: "diagnosing" }, { release: true })).resolves.toBeUndefined();
  });

  it("lets another runner resume a mission whose runner died (lease expired)", async () => {
    const [held] = await claimMissions(db.sql, { projectId, runnerId: "crashing", states: ["diagnosing"], limit: 1, leaseSeconds: 1 });
    expect(held).toBeDefined();
    expect(await claimMissions(db.sql, { projectId, runnerId: "rescuer", states: ["diagnosing"], limit: 1, leaseSeconds: 60 })).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const [resumed] = await claimMissions(db.sql, { projectId, runnerId: "rescuer", states: ["diagnosing"], limit: 1, leaseSeconds: 60 });
    expect(resumed!.id).toBe(held!.id);
  });
});
