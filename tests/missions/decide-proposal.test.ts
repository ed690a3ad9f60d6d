import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseGenericBatch } from "../../src/ingest/generic-event.ts";
import { storeEvents } from "../../src/ingest/store-events.ts";
import { decideProposal, ProposalDecisionError } from "../../src/missions/decide-proposal.ts";
import { recordPullRequest } from "../../src/store/github/record-pull-request.ts";
import { loadLocalProposal } from "../../src/store/local-git/load-local-proposal.ts";
import { openMission } from "../../src/store/missions/open-mission.ts";
import { createProject } from "../../src/store/projects/create-project.ts";
import { errorEvent, nodeStack } from "../support/events.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// Which missions a person can decide here, and what they are told about the others.

const FIX = {
  title: "fix(users): guard the missing user",
  summary: "s",
  rootCause: "r",
  style: "x",
  baseConfidence: 0.9,
  files: ["src/users.ts"],
  changedLines: { "src/users.ts": [3] },
  guard: { passed: true, autoApplyAllowed: true, violations: [], changedLines: 2, files: ["src/users.ts"] },
  base: "main",
  baseCommit: "a".repeat(40),
  changes: [{ path: "src/users.ts", before: "a", after: "b" }],
};

describe("deciding a proposal", () => {
  let db: TestDatabase;
  let projectId: string;
  const missions: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    projectId = (await createProject(db.sql, { name: "decide" })).project.id;
    const events = [1, 2, 3].map((i) => errorEvent({ id: `d${i}`, type: `Error${i}`, message: `boom ${i}`, stack: nodeStack(`Error${i}`, `boom ${i}`, `fn${i}`) }));
    await storeEvents(db.sql, projectId, parseGenericBatch(JSON.stringify(events), null).events);
    for (const group of await db.sql.query<{ id: string; fingerprint: string }>(`select id, fingerprint from healing.detected_errors order by fingerprint`)) {
      const mission = await openMission(db.sql, { projectId, detectedErrorId: group.id, fingerprint: group.fingerprint, incident: {}, severity: "P3", severityInputs: {} });
      missions.push(mission!.id);
    }
    // Proposed before proposals were recorded: a branch and a fix, no local_proposals row.
    await db.sql.query(`update healing.auto_fixes set state = 'proposed', branch = 'suture/aaaa1111-guard', commit_sha = $2, fix = $3::text::jsonb where id = any($1::uuid[])`, [
      `{${missions.join(",")}}`,
      "b".repeat(40),
      JSON.stringify(FIX),
    ]);
  });
  afterAll(async () => db?.drop());

  it("records the proposal of a mission proposed before proposals were kept, then the decision", async () => {
    const decided = await decideProposal(db.sql, { missionId: missions[0]!, decision: "approved", by: "alice", reason: null, at: new Date() });
    expect(decided.proposal).toMatchObject({ branch: "suture/aaaa1111-guard", head_commit: "b".repeat(40), base_branch: "main", decision: "approved", decided_by: "alice" });
    expect(await loadLocalProposal(db.sql, missions[0]!)).toMatchObject({ decision: "approved" });
  });

  it("sends a GitHub pull request's decision to GitHub", async () => {
    await recordPullRequest(db.sql, { missionId: missions[1]!, projectId, repo: "acme/shop", number: 7, url: "https://github.com/acme/shop/pull/7", headBranch: "suture/aaaa1111-guard", headSha: null, baseBranch: "main" });
    const refused = await decideProposal(db.sql, { missionId: missions[1]!, decision: "approved", by: "alice", reason: null, at: new Date() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProposalDecisionError);
    expect(refused).toMatchObject({ code: "NOT_A_LOCAL_PROPOSAL", message: expect.stringContaining("is pull request #7 (https://github.com/acme/shop/pull/7)") });
    expect(await loadLocalProposal(db.sql, missions[1]!)).toBeNull();
  });

  it("wants a reason for a rejection and records nothing without one", async () => {
    const refused = await decideProposal(db.sql, { missionId: missions[2]!, decision: "rejected", by: "bob", reason: "  ", at: new Date() }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "REASON_REQUIRED" });
    expect(await db.sql.query(`select 1 from healing.healing_events where mission_id = $1`, [missions[2]!])).toEqual([]);
    expect(await loadLocalProposal(db.sql, missions[2]!)).toBeNull();
  });
});
