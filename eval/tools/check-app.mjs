#!/usr/bin/env node
// node eval/tools/check-app.mjs <app-dir> [--keep] [--no-record] [--no-tests] [--timeout <seconds>]
//
// Verifies one evaluation app, in scratch copies (the app folder is never written to):
//   manifest    .eval/manifest.json is complete and agrees with package.json and the files
//   events      every line of .eval/events.jsonl is a generic event of the app's release,
//               production, November 2026, within 30 minutes, without secrets or local paths
//   matches     each bug's match selects 5-40 error events (as many as `events` says) whose first
//               in-app frame is the culprit; each decoy's match selects at least one; every event
//               with an exception belongs to exactly one bug or decoy; the reference patch edits fixAt
//   recorder    the recorder, run again, writes .eval/events.jsonl byte for byte, and nothing else
//   visible     the app's own tests pass on the buggy code (in the healer's copy: no .eval/)
//   per bug     the hidden test fails on the buggy code; with the reference fix the visible and
//               hidden tests pass; with each bad fix the visible tests pass and the hidden test fails
// Exit code 0 only when every check passes.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyPatch, copyApp, copyTree, linkNodeModules, SHARED_NODE_MODULES, TOOLS_DIR } from "./app-copy.mjs";
import { firstInAppFrame, matchingEvents, messageNames, readEvents, validateEvents } from "./events.mjs";
import { loadManifest } from "./manifest.mjs";

const RECORDER_FILES = [".eval/record.mjs", ".eval/record.js", ".eval/record.cjs", ".eval/record.ts", ".eval/record.mts"];
const TS_EXTENSIONS = /\.(?:ts|tsx|mts|cts)$/;
const OUTPUT_TAIL_LINES = 40;

/**
 * Checks one app. Returns `{ name, ok, results }` where each result is `{ check, ok, detail }`.
 * `log` receives one line per check as it finishes.
 */
export async function checkApp(appDir, options = {}) {
  const { log = console.log, keep = false, record = true, tests = true, timeoutMs = 180_000, nodeModules = SHARED_NODE_MODULES } = options;
  const app = resolve(appDir);
  const results = [];
  const scratch = await mkdtemp(join(tmpdir(), `suture-check-${basename(app)}-`));
  let copies = 0;
  const nextCopyDir = () => join(scratch, `copy-${++copies}`);

  function report(check, ok, detail = "") {
    results.push({ check, ok, detail });
    const lines = String(detail).split("\n").filter((line) => line !== "");
    if (ok) log(`  ok    ${check}${lines.length ? ` (${lines.join("; ")})` : ""}`);
    else {
      log(`  FAIL  ${check}`);
      for (const line of lines) log(`          ${line}`);
    }
    return ok;
  }

  log(`${basename(app)}  (${app})`);
  try {
    // ------------------------------------------------------------ manifest
    const { manifest, problems } = loadManifest(app);
    if (!report("manifest", problems.length === 0, problems.join("\n"))) return finish();
    const layoutProblems = checkLayout(app, manifest);
    report("layout", layoutProblems.length === 0, layoutProblems.join("\n"));

    // ------------------------------------------------------------ events and matches
    const eventsFile = join(app, ".eval", "events.jsonl");
    let lines = [];
    if (!existsSync(eventsFile)) report("events", false, ".eval/events.jsonl does not exist");
    else {
      const read = readEvents(eventsFile);
      lines = read.events;
      const eventProblems = [...read.problems, ...validateEvents(lines, { release: manifest.release, forbiddenText: localPaths(app) })];
      const withException = lines.filter(({ event }) => event?.exception).length;
      report("events", eventProblems.length === 0, eventProblems.length ? limit(eventProblems) : `${lines.length} lines, ${withException} with an exception, ${lines.length - withException} request-only`);
      checkMatches(app, manifest, lines, report);
    }

    // ------------------------------------------------------------ recorder
    if (record) await checkRecorder(app, manifest, { scratch, nodeModules, timeoutMs, report });

    if (!tests) return finish();

    // ------------------------------------------------------------ visible tests
    {
      const copy = await copyApp(app, nextCopyDir(), { release: manifest.release, nodeModules });
      const run = await runShell(manifest.testCommand, copy.dir, timeoutMs);
      report("visible tests pass on the buggy code", run.code === 0, run.code === 0 ? seconds(run) : failure(manifest.testCommand, run));
    }

    // ------------------------------------------------------------ per bug
    for (const bug of manifest.bugs) {
      const hidden = bug.hidden;
      {
        const copy = await copyApp(app, nextCopyDir(), { release: manifest.release, nodeModules });
        await placeHiddenFiles(app, copy.dir, hidden.files);
        const run = await runShell(hidden.command, copy.dir, timeoutMs);
        const ok = run.code !== 0 && !run.timedOut;
        report(`${bug.id}: hidden test fails on the buggy code`, ok, ok ? seconds(run) : run.timedOut ? failure(hidden.command, run) : `${hidden.command} exited 0 on the buggy code`);
      }
      {
        const copy = await copyApp(app, nextCopyDir(), { release: manifest.release, nodeModules });
        const problems = [];
        try {
          applyPatch(copy.dir, join(app, bug.reference));
          const visible = await runShell(manifest.testCommand, copy.dir, timeoutMs);
          if (visible.code !== 0) problems.push(`visible tests fail with the reference fix:\n${failure(manifest.testCommand, visible)}`);
          await placeHiddenFiles(app, copy.dir, hidden.files);
          const run = await runShell(hidden.command, copy.dir, timeoutMs);
          if (run.code !== 0) problems.push(`hidden test fails with the reference fix:\n${failure(hidden.command, run)}`);
        } catch (error) {
          problems.push(error.message);
        }
        report(`${bug.id}: reference fix passes the visible and hidden tests`, problems.length === 0, problems.join("\n"));
      }
      for (const bad of bug.badFixes) {
        const copy = await copyApp(app, nextCopyDir(), { release: manifest.release, nodeModules });
        const problems = [];
        try {
          applyPatch(copy.dir, join(app, bad));
          const visible = await runShell(manifest.testCommand, copy.dir, timeoutMs);
          if (visible.code !== 0) problems.push(`visible tests fail with this bad fix (it must pass them):\n${failure(manifest.testCommand, visible)}`);
          await placeHiddenFiles(app, copy.dir, hidden.files);
          const run = await runShell(hidden.command, copy.dir, timeoutMs);
          if (run.code === 0) problems.push(`hidden test passes with this bad fix (it must fail it)`);
          if (run.timedOut) problems.push(`hidden test timed out with this bad fix`);
        } catch (error) {
          problems.push(error.message);
        }
        report(`${bug.id}: bad fix ${basename(bad, ".patch").slice(bug.id.length + 1)} passes the visible tests, fails the hidden test`, problems.length === 0, problems.join("\n"));
      }
    }
    return finish();
  } catch (error) {
    report("check-app itself", false, error.stack);
    return finish();
  } finally {
    if (keep) log(`  scratch copies kept in ${scratch}`);
    else await rm(scratch, { recursive: true, force: true });
  }

  function finish() {
    const failed = results.filter((result) => !result.ok);
    log(failed.length === 0 ? `PASS  ${basename(app)}: ${results.length} checks` : `FAIL  ${basename(app)}: ${failed.length} of ${results.length} checks failed`);
    return { name: basename(app), ok: failed.length === 0, results };
  }
}

// ---------------------------------------------------------------- layout

function checkLayout(app, manifest) {
  const problems = [];
  if (existsSync(join(app, "node_modules"))) problems.push("the app folder has a node_modules/ (the shared one is linked in at check and heal time)");
  for (const lock of ["package-lock.json", "yarn.lock", "pnpm-lock.yaml"]) {
    if (existsSync(join(app, lock))) problems.push(`the app folder has a ${lock}; apps have no lockfiles`);
  }
  if (!RECORDER_FILES.some((file) => existsSync(join(app, file))) && !manifest.recordCommand) {
    problems.push(`no recorder: expected one of ${RECORDER_FILES.join(", ")} or a recordCommand`);
  }
  for (const bug of manifest.bugs) {
    for (const { to } of bug.hidden.files) {
      if (existsSync(join(app, to))) problems.push(`${bug.id}: hidden file destination ${to} already exists in the app`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- matches

function checkMatches(app, manifest, lines, report) {
  const owners = new Map();
  const claim = (events, id) => {
    for (const event of events) owners.set(event.event_id, [...(owners.get(event.event_id) ?? []), id]);
  };

  for (const bug of manifest.bugs) {
    const problems = [];
    const events = matchingEvents(lines, bug.match);
    claim(events, bug.id);
    if (events.length < 5 || events.length > 40) problems.push(`match selects ${events.length} events; a bug needs 5-40`);
    if (events.length !== bug.events) problems.push(`match selects ${events.length} events, the manifest says events: ${bug.events}`);
    const levels = new Set(events.map((event) => event.level));
    for (const level of levels) if (level !== "error" && level !== "fatal") problems.push(`a bug's events are crashes, but some have level "${level}"`);
    const sites = new Map();
    const expected = `${bug.culprit.file}:${bug.culprit.line}`;
    let fromMessage = 0;
    for (const event of events) {
      const frame = firstInAppFrame(event.exception.stacktrace, bug.match.file);
      if (!frame && messageNames(event.exception.value, bug.culprit.file)) {
        // No frame of the app in the stack (a failed lazy import): the message names the file,
        // and the line cannot be checked against the stack.
        fromMessage += 1;
        continue;
      }
      const site = frame ? `${frame.file}:${frame.line}` : "no in-app frame";
      sites.set(site, (sites.get(site) ?? 0) + 1);
    }
    for (const [site, count] of sites) {
      if (site !== expected) problems.push(`${count} events have their first in-app frame at ${site}, the culprit says ${expected}`);
    }
    if (manifest.language === "ts" && !TS_EXTENSIONS.test(bug.match.file)) problems.push(`a TypeScript app's culprit ${bug.match.file} is not a .ts file (run the recorder through tsx)`);
    problems.push(...fixLocationProblems(app, bug));
    const culpritNote = fromMessage === events.length && events.length > 0 ? `culprit ${bug.culprit.file} named in the message (no in-app frame; line not checked)` : `culprit ${expected}`;
    report(`${bug.id}: match`, problems.length === 0, problems.length ? problems.join("\n") : `${events.length} events, ${culpritNote}, fix at ${bug.fixAt.file}:${bug.fixAt.line}`);
  }

  for (const decoy of manifest.decoys ?? []) {
    const events = matchingEvents(lines, decoy.match);
    claim(events, decoy.id);
    report(`decoy ${decoy.id}: match`, events.length >= 1, events.length >= 1 ? `${events.length} events` : "match selects no recorded event");
  }

  const problems = [];
  const seen = new Set();
  for (const { line, event } of lines) {
    if (!event?.exception || seen.has(event.event_id)) continue;
    seen.add(event.event_id);
    const claimedBy = owners.get(event.event_id) ?? [];
    if (claimedBy.length === 0) problems.push(`line ${line}: ${event.exception.type}: ${String(event.exception.value).split("\n")[0]} belongs to no bug or decoy`);
    if (claimedBy.length > 1) problems.push(`line ${line}: matched by ${claimedBy.join(" and ")}`);
  }
  report("every event with an exception belongs to exactly one bug or decoy", problems.length === 0, limit(problems));
}

/** The reference patch must edit fixAt.file, in a hunk that spans fixAt.line. */
function fixLocationProblems(app, bug) {
  const file = join(app, bug.reference);
  if (!existsSync(file)) return [];
  const hunks = patchHunks(readFileSync(file, "utf8"));
  const ofFile = hunks.filter((hunk) => hunk.file === bug.fixAt.file);
  if (ofFile.length === 0) return [`the reference patch does not edit fixAt.file ${bug.fixAt.file} (it edits ${[...new Set(hunks.map((hunk) => hunk.file))].join(", ") || "nothing"})`];
  if (!ofFile.some((hunk) => bug.fixAt.line >= hunk.start && bug.fixAt.line < hunk.start + Math.max(hunk.length, 1))) {
    return [`no hunk of the reference patch spans ${bug.fixAt.file}:${bug.fixAt.line}`];
  }
  return [];
}

function patchHunks(patch) {
  const hunks = [];
  let file = null;
  for (const line of patch.split("\n")) {
    const target = /^\+\+\+ (?:b\/)?(.+?)\s*$/.exec(line);
    if (target) {
      file = target[1];
      continue;
    }
    const source = /^--- (?:a\/)?(.+?)\s*$/.exec(line);
    if (source && source[1] !== "/dev/null") file = source[1];
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(line);
    if (hunk && file) hunks.push({ file, start: Number(hunk[1]), length: hunk[2] === undefined ? 1 : Number(hunk[2]) });
  }
  return hunks;
}

// ---------------------------------------------------------------- recorder

async function checkRecorder(app, manifest, { scratch, nodeModules, timeoutMs, report }) {
  // The copy keeps the eval/<set>/<app> layout and a link to eval/tools, so a recorder that
  // imports ../../../tools/recorder.mjs finds it here as it does in the repository.
  const setName = basename(dirname(app));
  const copyDir = join(scratch, "recording", "eval", setName, basename(app));
  await mkdir(dirname(copyDir), { recursive: true });
  await symlink(TOOLS_DIR, join(scratch, "recording", "eval", "tools"), "dir");
  await copyTree(app, copyDir, { skipEval: false });
  await linkNodeModules(copyDir, nodeModules);
  const eventsFile = join(copyDir, ".eval", "events.jsonl");
  await rm(eventsFile, { force: true });
  const before = await snapshot(copyDir);

  const command = recorderCommand(app, manifest);
  const run = await runShell(command, copyDir, timeoutMs);
  if (run.code !== 0) return report("recorder reproduces .eval/events.jsonl", false, failure(command, run));
  if (!existsSync(eventsFile)) return report("recorder reproduces .eval/events.jsonl", false, `${command} exited 0 but wrote no .eval/events.jsonl`);

  const expected = await readFile(join(app, ".eval", "events.jsonl"));
  const actual = await readFile(eventsFile);
  if (!expected.equals(actual)) {
    return report("recorder reproduces .eval/events.jsonl", false, firstDifference(expected.toString("utf8"), actual.toString("utf8")));
  }
  const after = await snapshot(copyDir);
  after.delete(".eval/events.jsonl");
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file));
  if (changed.length > 0) return report("recorder reproduces .eval/events.jsonl", false, `the recorder also changed: ${changed.slice(0, 10).join(", ")}`);
  report("recorder reproduces .eval/events.jsonl byte for byte", true, `${command}, ${seconds(run)}`);
}

function recorderCommand(app, manifest) {
  if (manifest.recordCommand) return manifest.recordCommand;
  const file = RECORDER_FILES.find((candidate) => existsSync(join(app, candidate)));
  const viaTsx = manifest.language === "ts" || TS_EXTENSIONS.test(file);
  return viaTsx ? `node --import tsx ${file}` : `node ${file}`;
}

function firstDifference(expected, actual) {
  const a = expected.replace(/\n$/, "").split("\n");
  const b = actual.replace(/\n$/, "").split("\n");
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    if (a[index] === b[index]) continue;
    return [
      `the recorded file and a new recording differ first at line ${index + 1} (${a.length} vs ${b.length} lines)`,
      `recorded: ${clip(a[index])}`,
      `new:      ${clip(b[index])}`,
    ].join("\n");
  }
  return "the files differ (in bytes that split into equal lines)";
}

function clip(text) {
  if (text === undefined) return "(no such line)";
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Relative path → sha256 of every file, skipping node_modules. */
async function snapshot(dir) {
  const files = new Map();
  async function walk(current) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(relative(dir, full), createHash("sha256").update(await readFile(full)).digest("hex"));
    }
  }
  await walk(dir);
  return files;
}

// ---------------------------------------------------------------- running things

async function placeHiddenFiles(app, dir, files) {
  for (const { from, to } of files) {
    await mkdir(dirname(join(dir, to)), { recursive: true });
    await copyFile(join(app, from), join(dir, to));
  }
}

/** Runs a shell command in its own process group; `{ code, output, ms, timedOut }`. */
export function runShell(command, cwd, timeoutMs) {
  return new Promise((resolveRun) => {
    const started = Date.now();
    const child = spawn("sh", ["-c", command], {
      cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0", NODE_OPTIONS: "" },
    });
    const chunks = [];
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started, timedOut });
    });
  });
}

function seconds(run) {
  return `${(run.ms / 1000).toFixed(1)}s`;
}

function failure(command, run) {
  const tail = run.output.trimEnd().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
  const what = run.timedOut ? `timed out after ${seconds(run)}` : `exited ${run.code} after ${seconds(run)}`;
  return `${command} ${what}\n${tail}`;
}

function limit(problems, max = 15) {
  if (problems.length <= max) return problems.join("\n");
  return [...problems.slice(0, max), `… and ${problems.length - max} more`].join("\n");
}

/** Local paths that must not leak into recorded events. */
function localPaths(app) {
  const paths = new Set([app, realpathSync(app), dirname(dirname(app)), realpathSync(tmpdir())]);
  if (existsSync(SHARED_NODE_MODULES)) paths.add(realpathSync(SHARED_NODE_MODULES));
  return [...paths].filter((path) => path.length > 1).map((path) => `${path}/`);
}

// ---------------------------------------------------------------- CLI

function isMain() {
  return process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      keep: { type: "boolean", default: false },
      "no-record": { type: "boolean", default: false },
      "no-tests": { type: "boolean", default: false },
      timeout: { type: "string", default: "180" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error("usage: check-app.mjs <app-dir> [--keep] [--no-record] [--no-tests] [--timeout <seconds per command>]");
    process.exit(values.help ? 0 : 2);
  }
  const result = await checkApp(positionals[0], {
    keep: values.keep,
    record: !values["no-record"],
    tests: !values["no-tests"],
    timeoutMs: Number(values.timeout) * 1000,
  });
  process.exit(result.ok ? 0 : 1);
}
