import { describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { CommandSpawnError } from "../../src/core/command-runner.ts";

// The Node implementation of the CommandRunner port (src/core/command-runner.ts).
const runner = createNodeCommandRunner();
const cwd = process.cwd();

describe("node command runner", () => {
  it("captures stdout, stderr and the exit code without a shell", async () => {
    const result = await runner.run("node", ["-e", "console.log('out'); console.error('err'); process.exit(3)"], { cwd });
    expect(result).toMatchObject({ exitCode: 3, stdout: "out\n", stderr: "err\n", timedOut: false, truncated: false });
    const literal = await runner.run("node", ["-e", "console.log(process.argv[1])", "$HOME; echo injected"], { cwd });
    expect(literal.stdout).toBe("$HOME; echo injected\n");
  });

  it("feeds input on stdin", async () => {
    const result = await runner.run("node", ["-e", "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(s.toUpperCase()))"], { cwd, input: "héllo" });
    expect(result.stdout).toBe("HÉLLO\n");
  });

  it("adds and removes environment variables", async () => {
    process.env.SUTURE_RUNNER_TEST_UNSET = "present";
    const result = await runner.run("node", ["-e", "console.log(process.env.ADDED, process.env.SUTURE_RUNNER_TEST_UNSET, typeof process.env.PATH)"], {
      cwd,
      env: { ADDED: "yes" },
      unsetEnv: ["SUTURE_RUNNER_TEST_UNSET"],
    });
    delete process.env.SUTURE_RUNNER_TEST_UNSET;
    expect(result.stdout).toBe("yes undefined string\n");
  });

  it("keeps only the last bytes of a large output", async () => {
    const result = await runner.run("node", ["-e", "for (let i = 0; i < 20000; i++) console.log('line ' + i)"], { cwd, maxOutputBytes: 1024 });
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(1024);
    expect(result.stdout.endsWith("line 19999\n")).toBe(true);
  });

  it("kills a command that outlives its timeout", async () => {
    const started = Date.now();
    const result = await runner.run("sh", ["-c", "echo before; sleep 20"], { cwd, timeoutMs: 300 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true, stdout: "before\n" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not wait for a background process that keeps the pipes open", async () => {
    const started = Date.now();
    const result = await runner.run("sh", ["-c", "sleep 20 & echo done"], { cwd });
    expect(result).toMatchObject({ exitCode: 0, stdout: "done\n", timedOut: false });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("rejects with SPAWN_FAILED when the program does not exist", async () => {
    const attempt = runner.run("suture-no-such-binary", [], { cwd });
    await expect(attempt).rejects.toBeInstanceOf(CommandSpawnError);
    await expect(attempt).rejects.toMatchObject({ code: "SPAWN_FAILED" });
  });
});
