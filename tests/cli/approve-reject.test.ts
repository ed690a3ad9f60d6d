import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteSql } from "../../src/store/pglite/pglite-driver.ts";
import type { Sql } from "../../src/store/sql.ts";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";

const run = promisify(execFile);

// A person decides on a fix proposed on a local git repository, through the CLI, on the embedded
// database kept in a directory: `suture approve` and the next tick merges and watches the fix;
// `suture reject` and the next tick ends the mission as rejected with the person's reason.

async function suture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["bin/suture.js", ...args], { env: { ...process.env, DATABASE_URL: "" }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** The embedded database between CLI runs (one process at a time may open it). */
async function withDatabase<T>(dataDir: string, read: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = await createPgliteSql({ dataDir });
  try {
    return await read(sql);
  } finally {
    await sql.close();
  }
}

interface MissionFacts {
  id: string;
  state: string;
  branch: string | null;
  decision_reason: string | null;
  fix: { changes: Array<{ path: string; after: string | null }> } | null;
}

describe("suture approve and reject", () => {
  let repo: ExampleRepo;
  let work: string;
  let dataDir: string;
  let events: string;
  let proposed: MissionFacts[];
  let firstRun: string;

  beforeAll(async () => {
    repo = createExampleRepo();
    work = mkdtempSync(join(tmpdir(), "suture-decide-"));
    dataDir = join(work, "db");
    // Two incidents are enough: the missing import and the reassigned const.
    events = join(work, "events.jsonl");
    const lines = readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8").split("\n");
    writeFileSync(events, lines.filter((line) => /formatPrice is not defined|Assignment to constant/.test(line)).join("\n"));
    const replay = await suture(["replay", "--repo", repo.dir, "--events", events, "--test", "npm test --silent", "--data-dir", dataDir]);
    expect(replay.code, replay.stderr).toBe(0);
    firstRun = replay.stdout;
    proposed = await withDatabase(dataDir, (sql) =>
      sql.query<MissionFacts>(`select id, state, branch, decision_reason, fix from healing.auto_fixes where state = 'proposed' order by created_at`),
    );
  }, 180_000);
  afterAll(() => {
    repo?.remove();
    rmSync(work, { recursive: true, force: true });
  });

  it("proposes the fixes (autonomy 1) and prints how to decide each one", () => {
    expect(proposed).toHaveLength(2);
    for (const mission of proposed) expect(firstRun).toContain(`suture approve ${mission.id} --data-dir ${dataDir}`);
  });

  it("answers bad usage with exit 2 and one line, and explains what it cannot decide", async () => {
    const [mission] = proposed;
    const usage = [["approve"], ["approve", "not-a-mission"], ["reject", mission!.id, "--data-dir", dataDir]];
    const [results, unknown, help] = await Promise.all([
      Promise.all(usage.map((args) => suture(args))),
      suture(["approve", "00000000-0000-4000-8000-000000000000", "--data-dir", dataDir]),
      suture(["reject", "--help"]),
    ]);
    results.forEach((result, i) => {
      expect(result.code, usage[i]!.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), usage[i]!.join(" ")).toHaveLength(1);
    });
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toMatch(/^suture: no mission 00000000-0000-4000-8000-000000000000 in this database/);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: suture reject <mission> --reason TEXT/);
  }, 120_000);

  it("records the decisions, which the next tick acts on: the approved fix is merged and watched, the rejected one ends", async () => {
    const [approved, rejected] = proposed;
    const mainBefore = repo.git("rev-parse", "main").trim();
    const approve = await suture(["approve", approved!.id, "--reason", "reviewed, the import is right", "--data-dir", dataDir]);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stdout).toMatch(/^approved the proposal of suture\//);
    const reject = await suture(["reject", rejected!.id, "--reason", "the binding should stay const; fix the caller", "--data-dir", dataDir]);
    expect(reject.code, reject.stderr).toBe(0);
    // Nothing is merged until a tick runs.
    expect(repo.git("rev-parse", "main").trim()).toBe(mainBefore);
    const again = await suture(["approve", approved!.id, "--data-dir", dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not awaiting a decision: .* already approved it/);

    // The next tick: replaying the same events (duplicates) runs the cycles; no --merge needed.
    const tick = await suture(["replay", "--repo", repo.dir, "--events", events, "--data-dir", dataDir, "--json"]);
    expect(tick.code, tick.stderr).toBe(0);

    const after = await withDatabase(dataDir, (sql) =>
      sql.query<MissionFacts & { merge_commit: string | null }>(`select id, state, branch, decision_reason, fix, merge_commit from healing.auto_fixes where id = any($1::uuid[])`, [
        `{${approved!.id},${rejected!.id}}`,
      ]),
    );
    const merged = after.find((mission) => mission.id === approved!.id)!;
    expect(merged.state).toBe("watching");
    expect(repo.git("rev-parse", "main").trim()).toBe(merged.merge_commit);
    const change = merged.fix!.changes[0]!;
    expect(repo.git("show", `main:${change.path}`)).toBe(change.after);
    const ended = after.find((mission) => mission.id === rejected!.id)!;
    expect(ended.state).toBe("rejected");
    expect(ended.decision_reason).toMatch(/rejected the proposal: the binding should stay const; fix the caller$/);
    expect(repo.git("branch", "--list", ended.branch!).trim()).not.toBe("");

    const trail = await withDatabase(dataDir, (sql) =>
      sql.query<{ mission_id: string; kind: string }>(`select mission_id, kind from healing.healing_events where mission_id = any($1::uuid[]) order by id`, [
        `{${approved!.id},${rejected!.id}}`,
      ]),
    );
    const kinds = (id: string) => trail.filter((event) => event.mission_id === id).map((event) => event.kind);
    expect(kinds(approved!.id)).toEqual(expect.arrayContaining(["fix.proposed", "fix.approved", "fix.merged", "monitor.watching"]));
    expect(kinds(approved!.id).indexOf("fix.approved")).toBeLessThan(kinds(approved!.id).indexOf("fix.merged"));
    expect(kinds(rejected!.id)).toEqual(expect.arrayContaining(["fix.proposed", "fix.declined", "mission.rejected"]));
    expect(kinds(rejected!.id)).not.toContain("fix.merged");

    const late = await suture(["reject", merged.id, "--reason", "too late", "--data-dir", dataDir]);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/is watching, not awaiting a decision/);
  }, 180_000);
});
