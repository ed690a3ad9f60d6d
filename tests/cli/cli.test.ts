import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function cli(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { env: { ...process.env, DATABASE_URL: "" }, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("the suture CLI and the demo", () => {
  it("ingests an events file into the embedded database and prints the groups, reporting bad lines", async () => {
    const result = await cli("node", ["bin/suture.js", "ingest", "examples/events/sample-generic.jsonl", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output.accepted).toBe(13);
    expect(output.duplicates).toBe(1);
    expect(output.rejected.map((r: { index: number }) => r.index)).toEqual([9, 10]);
    expect(output.groups.length).toBeGreaterThan(0);
    const table = await cli("node", ["bin/suture.js", "ingest", "examples/events/sample-generic.jsonl"]);
    expect(table.stdout).toMatch(/events\s+users\s+error/);
    expect(table.stderr).toMatch(/skipped item 9/);
  });

  it("answers bad usage with exit code 2 and one line", async () => {
    const unknown = await cli("node", ["bin/suture.js", "frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(/^suture: unknown command/);
    const missing = await cli("node", ["bin/suture.js", "ingest", "/nonexistent.jsonl"]);
    expect(missing.code).toBe(2);
  });

  it("runs the demo end to end: fixes merged, main deployed and sent traffic, verdicts printed, diffs shown", async () => {
    const result = await cli("npm", ["run", "--silent", "demo"]);
    expect(result.code, result.stderr).toBe(0);
    // The traffic after the deploy ran against the merged code, so it reports that code's errors.
    expect(result.stdout).toMatch(/main at [0-9a-f]{12} served .*; what its code threw:/);
    expect(result.stdout).toMatch(/auto_apply\s+0 errors\s+healed/);
    expect(result.stdout).not.toMatch(/auto_apply\s+[1-9]\d* errors/);
    // A fix only proposed is not on main: its bug keeps firing in that traffic.
    expect(result.stdout).toMatch(/pull_request\s+[1-9]\d* errors\s+proposed/);
    expect(result.stdout).toMatch(/needs_human/);
    expect(result.stdout).toMatch(/diff --git a\/src\//);
    expect(result.stdout).toMatch(/demo finished in/);
  }, 120_000);
});
