import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../../src/adapters/node-command.ts";
import type { CommandRunner } from "../../../src/core/command-runner.ts";
import { createLocalGitRepository, type LocalGitRepositoryOptions } from "../../../src/deliver/local-git/local-git-repository.ts";
import { createRepo, git, removeDir, snapshotUserState, tempDir, writeFiles } from "./git-fixture.ts";

const SUM_BROKEN = "exports.sum = (a, b) => a - b;\n";
const SUM_FIXED = "exports.sum = (a, b) => a + b;\n";
const TEST_JS = `const { sum } = require("./sum.js");
console.log("sum(2, 3) =", sum(2, 3));
if (sum(2, 3) !== 5) { console.error("FAIL: expected 5"); process.exit(1); }
console.log("ok");
`;
const PACKAGE_JSON = JSON.stringify({ name: "tiny", private: true, scripts: { test: "node test.js" } }, null, 2);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

/** The real runner, with every command it is asked to run written down. */
function recordingRunner(): { runner: CommandRunner; shellCommands: string[] } {
  const inner = createNodeCommandRunner();
  const shellCommands: string[] = [];
  return {
    shellCommands,
    runner: {
      run(command, args, options) {
        if (command === "sh" && args[0] === "-c") shellCommands.push(args[1]);
        return inner.run(command, args, options);
      },
    },
  };
}

async function fixRepo(files: Record<string, string>, fixChanges: { path: string; before: string | null; after: string | null }[], options: Partial<LocalGitRepositoryOptions> = {}) {
  const dir = createRepo(files);
  dirs.push(dir);
  const recorder = recordingRunner();
  const forge = createLocalGitRepository({ repoDir: dir, runner: recorder.runner, ...options });
  const fix = await forge.ensureBranch({ branch: "suture/5ca1ab1e-fix-sum", base: "main", changes: fixChanges, message: "fix: sum\n" });
  return { dir, forge, fix, recorder };
}

function suturesWorktrees(dir: string): string[] {
  return git(dir, "worktree", "list", "--porcelain")
    .split("\n")
    .filter((l) => l.startsWith("worktree ") && l.includes("suture-worktrees"));
}

describe("local-git repository: validate", () => {
  it("passes when the repo's test script passes on the fix branch, in a worktree that is removed afterwards", async () => {
    const { dir, forge, fix } = await fixRepo(
      { "package.json": PACKAGE_JSON, "sum.js": SUM_BROKEN, "test.js": TEST_JS },
      [{ path: "sum.js", before: SUM_BROKEN, after: SUM_FIXED }],
    );
    writeFiles(dir, { "sum.js": "exports.sum = () => 'user wip';\n" });
    const before = snapshotUserState(dir);
    const result = await forge.validate(fix.branch, "main", "npm test --silent");
    expect(result).toMatchObject({ command: "npm test --silent", passed: true, exitCode: 0 });
    expect(result.outputTail).toContain("sum(2, 3) = 5");
    expect(result.durationMs).toBeGreaterThan(0);
    expect(suturesWorktrees(dir)).toEqual([]);
    expect(snapshotUserState(dir)).toEqual(before);
  });

  it("fails with the exit code and the output tail when the tests fail", async () => {
    const { forge } = await fixRepo(
      { "package.json": PACKAGE_JSON, "sum.js": SUM_BROKEN, "test.js": TEST_JS },
      [{ path: "sum.js", before: SUM_BROKEN, after: SUM_BROKEN.replace("a - b", "a * b") }],
    );
    const npm = await forge.validate("suture/5ca1ab1e-fix-sum", "main", "node test.js");
    expect(npm).toMatchObject({ passed: false, exitCode: 1 });
    expect(npm.outputTail).toMatch(/sum\(2, 3\) = 6\nFAIL: expected 5$/);
    const exit = await forge.validate("suture/5ca1ab1e-fix-sum", "main", 'node -e "process.exit(1)"');
    expect(exit).toMatchObject({ command: 'node -e "process.exit(1)"', passed: false, exitCode: 1 });
  });

  it("keeps only the last 60 lines of output and runs with CI=true", async () => {
    const { forge, fix } = await fixRepo({ "a.txt": "a\n" }, [{ path: "a.txt", before: "a\n", after: "b\n" }]);
    const result = await forge.validate(fix.branch, "main", `for i in $(seq 1 100); do echo "line $i"; done; echo "CI=$CI"`);
    const lines = result.outputTail.split("\n");
    expect(lines).toHaveLength(60);
    expect(lines[0]).toBe("line 42");
    expect(lines.at(-1)).toBe("CI=true");
  });

  it("reuses the repo's node_modules through a symlink when the lockfile is unchanged, and leaves it intact", async () => {
    const files = { "package.json": PACKAGE_JSON, "package-lock.json": '{"lockfileVersion":3}\n', ".gitignore": "node_modules\n", "sum.js": SUM_BROKEN };
    const { dir, forge, fix, recorder } = await fixRepo(files, [{ path: "sum.js", before: SUM_BROKEN, after: SUM_FIXED }], {
      installCommands: { "package-lock.json": "echo INSTALL-RAN" },
    });
    writeFiles(dir, { "node_modules/leftpad/index.js": "module.exports = (s) => ' ' + s;\n" });
    const check = `node -e "const fs=require('fs'); if(!fs.lstatSync('node_modules').isSymbolicLink()) process.exit(3); console.log(require('leftpad')('x'))"`;
    const result = await forge.validate(fix.branch, "main", check);
    expect(result).toMatchObject({ passed: true, exitCode: 0 });
    expect(result.outputTail).toBe(" x");
    expect(recorder.shellCommands.some((c) => c.includes("INSTALL-RAN"))).toBe(false);
    expect(readFileSync(join(dir, "node_modules/leftpad/index.js"), "utf8")).toContain("module.exports");
    expect(suturesWorktrees(dir)).toEqual([]);
  });

  it("runs the lockfile's install command in the worktree when the fix changes the lockfile", async () => {
    const files = { "package.json": PACKAGE_JSON, "package-lock.json": '{"lockfileVersion":3}\n', ".gitignore": "node_modules\n" };
    const install = "mkdir -p node_modules/leftpad && echo \"module.exports = () => 'installed'\" > node_modules/leftpad/index.js";
    const { dir, forge, fix, recorder } = await fixRepo(
      files,
      [{ path: "package-lock.json", before: '{"lockfileVersion":3}\n', after: '{"lockfileVersion":3,"packages":{}}\n' }],
      { installCommands: { "package-lock.json": install } },
    );
    writeFiles(dir, { "node_modules/leftpad/index.js": "module.exports = () => 'repo copy';\n" });
    const check = `node -e "const fs=require('fs'); if(fs.lstatSync('node_modules').isSymbolicLink()) process.exit(3); console.log(require('leftpad')())"`;
    const result = await forge.validate(fix.branch, "main", check);
    expect(result).toMatchObject({ passed: true });
    expect(result.outputTail).toBe("installed");
    expect(recorder.shellCommands.filter((c) => c.includes(install))).toHaveLength(1);
    expect(readFileSync(join(dir, "node_modules/leftpad/index.js"), "utf8")).toContain("repo copy");
  });

  it("fails validation with the install's output when the install fails", async () => {
    const files = { "package-lock.json": "{}\n" };
    const { forge, fix } = await fixRepo(files, [{ path: "package-lock.json", before: "{}\n", after: '{"x":1}\n' }], {
      installCommands: { "package-lock.json": "echo 'registry unreachable'; exit 7" },
    });
    const result = await forge.validate(fix.branch, "main", "echo tests-ran");
    expect(result).toMatchObject({ passed: false, exitCode: 7 });
    expect(result.outputTail).toContain("registry unreachable");
    expect(result.outputTail).not.toContain("tests-ran");
  });

  it("kills the whole test process group on timeout", async () => {
    const { dir, forge, fix } = await fixRepo({ "a.txt": "a\n" }, [{ path: "a.txt", before: "a\n", after: "b\n" }]);
    const pidFile = join(tempDir("suture-pid-"), "pid");
    dirs.push(join(pidFile, ".."));
    const started = Date.now();
    const result = await forge.validate(fix.branch, "main", `echo started; sleep 30 & echo $! > "${pidFile}"; wait`, { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ passed: false, exitCode: null });
    expect(result.outputTail).toMatch(/started\n\[suture: timed out after 500 ms\]$/);
    const sleeper = Number(readFileSync(pidFile, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isAlive(sleeper)).toBe(false);
    expect(suturesWorktrees(dir)).toEqual([]);
  });
});

/** A killed process whose parent is gone may linger as a zombie where PID 1 does not reap. */
function isAlive(pid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    if (!existsSync(`/proc/${pid}/stat`)) return false;
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0];
    return state !== "Z" && state !== "X";
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
