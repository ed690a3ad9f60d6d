import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../../src/adapters/node-command.ts";
import type { CommandRunner } from "../../../src/core/command-runner.ts";
import type { Forge, ProposalRequest } from "../../../src/deliver/forge.ts";
import { createLocalGitForge } from "../../../src/deliver/local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "../../../src/deliver/local-git/local-git-repository.ts";
import { parseGenericBatch } from "../../../src/ingest/generic-event.ts";
import { storeEvents } from "../../../src/ingest/store-events.ts";
import { recordLocalDecision } from "../../../src/store/local-git/record-local-decision.ts";
import { openMission } from "../../../src/store/missions/open-mission.ts";
import { createProject } from "../../../src/store/projects/create-project.ts";
import { errorEvent } from "../../support/events.ts";
import { createTestDatabase, type TestDatabase } from "../../support/test-database.ts";
import { createRepo, git, removeDir } from "./git-fixture.ts";

// The Forge port on a local repository: a proposal is the branch plus a recorded row, its checks
// are the test command (run once per commit), a person's recorded decision is the review, and the
// operator's --merge is needed only for what the policy merges on its own.

const BEFORE = "exports.sum = (a, b) => a - b;\n";
const AFTER = "exports.sum = (a, b) => a + b;\n";
const TEST = "node -e \"process.exit(require('./sum.js').sum(2, 3) === 5 ? 0 : 1)\"";

describe("local-git forge", () => {
  let db: TestDatabase;
  let dir: string;
  let repository: LocalGitRepository;
  let testRuns: string[];
  let projectId: string;
  let missionId: string;

  beforeAll(async () => {
    db = await createTestDatabase("pglite");
    dir = createRepo({ "sum.js": BEFORE });
    testRuns = [];
    const inner = createNodeCommandRunner();
    const runner: CommandRunner = {
      run(command, args, options) {
        if (command === "sh" && args[1]?.includes(TEST)) testRuns.push(args[1]);
        return inner.run(command, args, options);
      },
    };
    repository = createLocalGitRepository({ repoDir: dir, runner });
    projectId = (await createProject(db.sql, { name: "sum", repo: dir })).project.id;
    await storeEvents(db.sql, projectId, parseGenericBatch(JSON.stringify([errorEvent({ id: "e1" })]), null).events);
    const [group] = await db.sql.query<{ id: string; fingerprint: string }>(`select id, fingerprint from healing.detected_errors`);
    missionId = (await openMission(db.sql, { projectId, detectedErrorId: group!.id, fingerprint: group!.fingerprint, incident: {}, severity: "P3", severityInputs: {} }))!.id;
  });
  afterAll(async () => {
    await repository?.cleanup();
    removeDir(dir);
    await db?.drop();
  });

  async function proposal(forge: Forge, after: string): Promise<{ request: ProposalRequest; commit: string }> {
    const branch = await forge.ensureBranch({ branch: "suture/5ca1ab1e-fix-sum", base: "main", changes: [{ path: "sum.js", before: BEFORE, after }], message: `fix: sum (${after.length})\n` });
    const request: ProposalRequest = {
      projectId,
      branch: branch.branch,
      commit: branch.commit,
      base: "main",
      content: { mission: { id: missionId, traceId: missionId }, fix: { title: "fix(sum): add" } } as ProposalRequest["content"],
      reviewers: [],
      draft: true,
    };
    return { request, commit: branch.commit };
  }

  it("records a proposal once, runs its checks once per commit, and waits for a person", async () => {
    const forge = createLocalGitForge({ repository, sql: db.sql, allowMerge: false });
    const { request } = await proposal(forge, AFTER);
    expect(await forge.propose(request)).toMatchObject({ created: true, mention: null });
    expect(await forge.propose(request)).toMatchObject({ created: false });

    const checked = await forge.follow({ missionId, needsApproval: false, testCommand: TEST });
    expect(checked).toMatchObject({ kind: "ready", checks: { validation: { command: TEST, passed: true, exitCode: 0 }, summary: expect.stringMatching(/ passed in \d+ ms$/) } });
    const waiting = await forge.follow({ missionId, needsApproval: true, testCommand: TEST });
    expect(waiting).toMatchObject({ kind: "waiting", reason: expect.stringContaining(`suture approve ${missionId}`) });
    expect(testRuns).toHaveLength(1);
    expect(await forge.decision(missionId)).toEqual({ kind: "none" });
  });

  it("holds a merge the policy wants without --merge, and merges one a person approved", async () => {
    const forge = createLocalGitForge({ repository, sql: db.sql, allowMerge: false });
    const { request, commit } = await proposal(forge, AFTER);
    const merge = { missionId, traceId: missionId, branch: request.branch, base: "main", title: "fix(sum): add" };
    expect(await forge.merge({ ...merge, by: "policy" })).toEqual({ merged: false, held: true, note: "Not merged: the local forge merges only when asked to (--merge).", data: {} });
    expect(git(dir, "show", "main:sum.js")).toBe(BEFORE);

    await recordLocalDecision(db.sql, { missionId, headCommit: commit, decision: "approved", by: "alice", reason: null, at: new Date() });
    expect(await forge.decision(missionId)).toEqual({ kind: "approved", by: ["alice"] });
    expect(await forge.follow({ missionId, needsApproval: true, testCommand: TEST })).toMatchObject({ kind: "ready", checks: { validation: { passed: true } } });
    expect(testRuns).toHaveLength(1);
    const merged = await forge.merge({ ...merge, by: "person" });
    expect(merged).toMatchObject({ merged: true });
    expect(git(dir, "show", "main:sum.js")).toBe(AFTER);
    expect(git(dir, "log", "-1", "--format=%B", "main")).toBe(`Merge ${request.branch}: fix(sum): add\n\nSuture-Trace: ${missionId}\n\n`);
  });

  it("forgets a decision when the fix gets a new commit, and checks the new commit", async () => {
    const forge = createLocalGitForge({ repository, sql: db.sql, allowMerge: false });
    // Back to before the merge, so a second fix applies to the same base.
    git(dir, "reset", "-q", "--hard", "HEAD~1");
    const broken = "exports.sum = (a, b) => a * b;\n";
    const { request, commit } = await proposal(forge, broken);
    await forge.propose(request);
    expect(await forge.decision(missionId)).toEqual({ kind: "none" });
    const failed = await forge.follow({ missionId, needsApproval: true, testCommand: TEST });
    expect(failed).toMatchObject({ kind: "checks_failed", checks: { validation: { passed: false, exitCode: 1 }, summary: expect.stringMatching(/ failed in \d+ ms$/) } });
    expect(testRuns).toHaveLength(2);
    await recordLocalDecision(db.sql, { missionId, headCommit: commit, decision: "rejected", by: "bob", reason: "multiplies", at: new Date() });
    expect(await forge.follow({ missionId, needsApproval: true, testCommand: TEST })).toEqual({ kind: "rejected", reason: "bob rejected the proposal: multiplies" });
  });
});
