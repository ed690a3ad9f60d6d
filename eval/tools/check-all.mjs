#!/usr/bin/env node
// node eval/tools/check-all.mjs <set-dir> [--jobs <n>] [--keep] [--no-record] [--no-tests]
//
// Runs check-app over every app folder of a set (each folder with a .eval/manifest.json), prints
// each app's checks, then a summary line. Exit code 0 only when every app passes.

import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkApp } from "./check-app.mjs";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    "no-record": { type: "boolean", default: false },
    "no-tests": { type: "boolean", default: false },
    timeout: { type: "string", default: "180" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help || positionals.length !== 1) {
  console.error("usage: check-all.mjs <set-dir> [--jobs <n>] [--keep] [--no-record] [--no-tests] [--timeout <seconds per command>]");
  process.exit(values.help ? 0 : 2);
}

const setDir = resolve(positionals[0]);
const entries = await readdir(setDir, { withFileTypes: true });
const apps = entries
  .filter((entry) => entry.isDirectory() && existsSync(join(setDir, entry.name, ".eval", "manifest.json")))
  .map((entry) => join(setDir, entry.name))
  .sort();
const skipped = entries.filter((entry) => entry.isDirectory() && !apps.includes(join(setDir, entry.name))).map((entry) => entry.name);

if (apps.length === 0) {
  console.error(`check-all: no app folders (with .eval/manifest.json) in ${setDir}`);
  process.exit(1);
}

const jobs = Math.max(1, Number.parseInt(values.jobs, 10) || 1);
const results = [];
const queue = [...apps];
// With several jobs each app's lines are buffered and printed together when it finishes.
async function worker() {
  while (queue.length > 0) {
    const app = queue.shift();
    const lines = [];
    const result = await checkApp(app, {
      log: jobs === 1 ? console.log : (line) => lines.push(line),
      keep: values.keep,
      record: !values["no-record"],
      tests: !values["no-tests"],
      timeoutMs: Number(values.timeout) * 1000,
    });
    if (lines.length) console.log(lines.join("\n"));
    console.log("");
    results.push(result);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, apps.length) }, worker));

const failed = results.filter((result) => !result.ok).map((result) => result.name).sort();
if (skipped.length) console.log(`not apps (no .eval/manifest.json): ${skipped.join(", ")}`);
console.log(
  failed.length === 0
    ? `check-all: ${results.length} apps, all passed`
    : `check-all: ${results.length} apps, ${results.length - failed.length} passed, ${failed.length} failed: ${failed.join(", ")}`,
);
process.exit(failed.length === 0 ? 0 : 1);
