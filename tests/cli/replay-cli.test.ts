import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExampleRepo, type ExampleRepo } from "../support/example-repo.ts";

const run = promisify(execFile);

// `suture replay --json` is an interface other tools depend on: its shape is tested as a contract.

async function suture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("node", ["bin/suture.js", ...args], {
      env: { ...process.env, DATABASE_URL: "" },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("suture replay", () => {
  let repo: ExampleRepo;
  let output: { missions: Array<Record<string, unknown>> };
  let stderr: string;
  let statusBefore: string;

  beforeAll(async () => {
    repo = createExampleRepo();
    // A user mid-work: an edited tracked file and an untracked one must survive untouched.
    writeFileSync(join(repo.dir, "README.md"), readFileSync(join(repo.dir, "README.md"), "utf8") + "\nlocal edit\n");
    writeFileSync(join(repo.dir, "scratch.txt"), "notes\n");
    const events = readFileSync(join(repo.dir, "incident", "events.jsonl"), "utf8").split("\n");
    events.splice(3, 0, "{this line is broken", '{"event_id":"x","timestamp":"not a time"}');
    writeFileSync(join(repo.dir, "..", "events-with-bad-lines.jsonl"), events.join("\n"));
    statusBefore = repo.git("status", "--porcelain") + repo.git("rev-parse", "HEAD") + repo.git("diff");
    const result = await suture([
      "replay", "--repo", repo.dir, "--events", join(repo.dir, "..", "events-with-bad-lines.jsonl"), "--test", "npm test --silent", "--json",
    ]);
    expect(result.code, result.stderr).toBe(0);
    output = JSON.parse(result.stdout);
    stderr = result.stderr;
  }, 180_000);
  afterAll(() => repo?.remove());

  it("prints one JSON object with a mission per incident in the contract's shape", () => {
    expect(Object.keys(output)).toEqual(["missions"]);
    expect(output.missions.length).toBeGreaterThanOrEqual(6);
    for (const mission of output.missions) {
      expect(Object.keys(mission).sort()).toEqual(
        ["decision", "diagnosis", "error_type", "events", "fingerprint", "fix", "message", "reason", "severity", "validation"].sort(),
      );
      expect(mission.severity).toMatch(/^P[0-4]$/);
      expect(["auto_apply", "pull_request", "needs_human", "rejected"]).toContain(mission.decision);
      expect(typeof mission.reason).toBe("string");
      expect((mission.reason as string).length).toBeGreaterThan(10);
      if (mission.diagnosis) {
        expect(mission.diagnosis).toEqual({ file: expect.any(String), line: expect.any(Number), cause: expect.any(String), pattern: expect.any(String) });
        expect((mission.diagnosis as { file: string }).file).not.toMatch(/^\//);
      }
      if (mission.fix) {
        const fix = mission.fix as Record<string, unknown>;
        expect(fix.branch).toMatch(/^suture\/[0-9a-f]{8}-[a-z0-9-]+$/);
        expect(fix.commit).toMatch(/^[0-9a-f]{40}$/);
        expect(["low", "medium", "high"]).toContain(fix.risk);
        expect(repo.git("rev-parse", fix.branch as string).trim()).toBe(fix.commit);
      }
    }
  });

  it("fixes the missing import with a validated branch and proposes it (autonomy 1)", () => {
    const mission = output.missions.find((m) => (m.message as string).includes("formatPrice"))!;
    expect(mission.diagnosis).toMatchObject({ file: "src/routes/products.ts", line: 35, pattern: "not-defined" });
    expect(mission.validation).toEqual({ command: "npm test --silent", passed: true });
    expect(mission.decision).toBe("pull_request");
    const diff = repo.git("diff", `${(mission.fix as { commit: string }).commit}~1`, (mission.fix as { commit: string }).commit);
    expect(diff).toContain("+import { toMajorUnits, formatPrice } from \"../lib/money.ts\";");
  });

  it("sends upstream failures and third-party crashes to a person without a patch", () => {
    const transient = output.missions.find((m) => m.message === "fetch failed")!;
    expect(transient).toMatchObject({ decision: "needs_human", fix: null, diagnosis: null });
    expect(transient.reason).toMatch(/Not a code bug/);
    const thirdParty = output.missions.find((m) => (m.message as string).includes("spans"))!;
    expect(thirdParty).toMatchObject({ decision: "needs_human", fix: null });
    expect(thirdParty.reason).toMatch(/third-party/);
  });

  it("reports malformed lines with their line numbers and keeps the rest", () => {
    expect(stderr).toMatch(/events-with-bad-lines\.jsonl:4: skipped: invalid JSON/);
    expect(stderr).toMatch(/events-with-bad-lines\.jsonl:5: skipped: .*timestamp/);
  });

  it("leaves the user's checked-out branch, index and working tree as they were", () => {
    expect(repo.git("status", "--porcelain") + repo.git("rev-parse", "HEAD") + repo.git("diff")).toBe(statusBefore);
  });

  it("exits 2 with a one-line reason on bad usage", async () => {
    const notRepo = await suture(["replay", "--repo", "/tmp", "--events", "x.jsonl", "--json"]);
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr.trim().split("\n")).toHaveLength(1);
    expect(notRepo.stderr).toMatch(/not a git repository/);
    const missing = await suture(["replay", "--repo", repo.dir, "--events", "/nonexistent.jsonl", "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/events file not found/);
    const noArgs = await suture(["replay"]);
    expect(noArgs.code).toBe(2);
  });
});
