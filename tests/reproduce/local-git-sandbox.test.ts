import { existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeCommandRunner } from "../../src/adapters/node-command.ts";
import { defaultWorktreeRoot } from "../../src/deliver/local-git/worktree-root.ts";
import { createLocalGitSandbox } from "../../src/reproduce/local-git-sandbox.ts";
import { attributeRecords, findMatch, observedFromDescription, targetOf } from "../../src/reproduce/oracle.ts";
import type { SandboxWorkspace } from "../../src/reproduce/sandbox.ts";
import { createRepo, git, removeDir, tempDir } from "../deliver/local-git/git-fixture.ts";

// The sandbox really runs Node with the oracle preload: these tests show which exceptions it
// sees (caught ones included, in child processes too) and that each run leaves the worktree as
// the commit has it.

describe("local git sandbox", () => {
  let repo: string;
  let modules: string;
  let workspace: SandboxWorkspace;

  beforeAll(async () => {
    const deps = tempDir("suture-sandbox-deps-");
    modules = join(deps, "node_modules");
    mkdirSync(join(modules, "quiet-lib"), { recursive: true });
    writeFileSync(
      join(modules, "quiet-lib", "index.js"),
      'exports.tryParse = (text) => { try { return JSON.parse(text); } catch { return null; } };\nsetImmediate(() => { try { JSON.parse("{"); } catch {} });\n',
    );
    repo = createRepo({
      "package.json": JSON.stringify({ name: "tiny", type: "commonjs" }),
      "src/total.js": "exports.total = (order) => order.lines.length;\n",
      "src/main.js": [
        'const { total } = require("./total");',
        'const { tryParse } = require("quiet-lib");',
        "tryParse('{oops');",
        "try { total(undefined); } catch (error) { console.log('swallowed', error.message); }",
        "",
      ].join("\n"),
      "src/spawn.js": 'require("node:child_process").execFileSync(process.execPath, ["src/main.js"], { stdio: "inherit" });\n',
    });
    symlinkSync(modules, join(repo, "node_modules"), "dir");
    const sandbox = createLocalGitSandbox({ repoDir: repo, runner: createNodeCommandRunner() });
    workspace = await sandbox.open("main");
  });

  afterAll(async () => {
    await workspace?.close();
    removeDir(repo);
    removeDir(join(modules, ".."));
  });

  it("sees an exception the app catches itself; one a dependency throws and catches stays the dependency's", async () => {
    const run = await workspace.run({ files: [], program: "node", args: ["src/main.js"], env: {}, timeoutMs: 20_000, maxOutputBytes: 65_536, observeExceptions: true });
    expect(run.exitCode).toBe(0);
    expect(run.outputTail).toContain("swallowed Cannot read properties of undefined (reading 'lines')");
    const seen = attributeRecords(run.records, run.roots).outside;
    // The dependency's own timer throws with no application frame at all: never even recorded.
    const thrower = (frames: (typeof seen)[number]["frames"]) => frames.filter((frame) => frame.file !== "<anonymous>").at(-1);
    expect(seen.map((exception) => [exception.type, thrower(exception.frames)?.file, thrower(exception.frames)?.inApp])).toEqual([
      ["SyntaxError", "node_modules/quiet-lib/index.js", false],
      ["TypeError", "src/total.js", true],
    ]);
    const target = targetOf({
      error: { type: "TypeError", message: "Cannot read properties of undefined (reading 'lines')" },
      culprit: { file: "src/total.js", function: "exports.total", line: 1, column: 40 },
      frames: [],
      fingerprint: "f",
      failingRequests: [],
      successfulRequests: [],
    });
    expect(findMatch(seen, target)).toBe(seen[1]);
  });

  it("sees exceptions in child processes through NODE_OPTIONS", async () => {
    const run = await workspace.run({ files: [], program: "node", args: ["src/spawn.js"], env: {}, timeoutMs: 20_000, maxOutputBytes: 65_536, observeExceptions: true });
    const seen = run.records.flatMap((record) => (record.kind === "exception" ? [observedFromDescription(record.description, record.className, run.roots)] : []));
    expect(seen.filter((exception) => exception.type === "TypeError").map((exception) => exception.frames.at(-1)?.file)).toEqual(["src/total.js"]);
    expect(new Set(run.records.map((record) => record.pid)).size).toBe(1);
  });

  it("writes files on top of the commit and puts the worktree back after the run", async () => {
    const run = await workspace.run({
      files: [{ path: "src/total.js", content: "exports.total = () => 0;\n" }, { path: "test/new/extra.js", content: "console.log(require('../../src/total').total());\n" }],
      program: "node",
      args: ["test/new/extra.js"],
      env: { EXTRA: "1" },
      timeoutMs: 20_000,
      maxOutputBytes: 65_536,
      observeExceptions: false,
    });
    expect(run.outputTail.trim()).toBe("0");
    expect(run.records).toEqual([]);
    const worktree = git(repo, "worktree", "list", "--porcelain").split("\n").find((line) => line.includes("reproduce-"))!.slice("worktree ".length);
    // Only the linked node_modules is there besides the commit's files (this repo does not ignore it).
    expect(git(worktree, "status", "--porcelain", "--untracked-files=all").trim()).toBe("?? node_modules");
    expect(git(worktree, "rev-parse", "HEAD").trim()).toBe(git(repo, "rev-parse", "main").trim());
    expect(existsSync(join(worktree, "node_modules", "quiet-lib"))).toBe(true);
  });

  it("stops a run at its timeout and says so", async () => {
    const run = await workspace.run({ files: [], program: "node", args: ["-e", "setInterval(() => {}, 1000)"], env: {}, timeoutMs: 500, maxOutputBytes: 1024, observeExceptions: true });
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).toBeNull();
    expect(run.outputTail).toContain("[suture: timed out after 500 ms]");
  });

  it("removes its worktree, and only its own files, when closed", async () => {
    const sandbox = createLocalGitSandbox({ repoDir: repo, runner: createNodeCommandRunner() });
    const other = await sandbox.open("main");
    await other.close();
    const remaining = readdirSync(defaultWorktreeRoot(realpathSync(join(repo, ".git"))));
    expect(remaining.filter((name) => name.startsWith("reproduce-"))).toHaveLength(2);
    expect(existsSync(join(modules, "quiet-lib", "index.js"))).toBe(true);
  });
});

