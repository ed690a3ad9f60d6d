// Reads and validates an evaluation app's .eval/manifest.json. Hand-written checks so every
// problem names the field it is about ("bugs[1].hidden.files[0].from: ...") and all problems are
// reported at once.

import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, normalize, posix } from "node:path";

export const STYLES = ["express", "fastify", "hono", "koa", "next-route", "lambda", "node-http", "library"];
export const LANGUAGES = ["ts", "js"];
export const MODULES = ["esm", "cjs"];
export const RUNNERS = ["node:test", "vitest", "jest", "mocha"];
export const MAX_BUGS = 2;

const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What a test script has to mention for the manifest's runner to be believable. */
const RUNNER_MARKERS = {
  "node:test": /--test\b/,
  vitest: /\bvitest\b/,
  jest: /\bjest\b/,
  mocha: /\bmocha\b/,
};

/**
 * Returns `{ manifest, problems }`. `manifest` is null when the file cannot be read or parsed;
 * otherwise it is the parsed object even when `problems` is not empty.
 */
export function loadManifest(appDir) {
  const file = join(appDir, ".eval", "manifest.json");
  if (!existsSync(file)) return { manifest: null, problems: [`${file} does not exist`] };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return { manifest: null, problems: [`.eval/manifest.json is not valid JSON: ${error.message}`] };
  }
  return { manifest, problems: validateManifest(manifest, appDir) };
}

export function validateManifest(manifest, appDir) {
  const problems = [];
  const fail = (path, message) => problems.push(`${path}: ${message}`);

  if (!isObject(manifest)) return ["manifest: expected a JSON object"];

  requireString(manifest, "name", "name", fail);
  if (typeof manifest.name === "string") {
    if (!ID_RE.test(manifest.name)) fail("name", `"${manifest.name}" is not kebab-case`);
    if (appDir && manifest.name !== basename(normalize(appDir))) {
      fail("name", `"${manifest.name}" differs from the folder name "${basename(normalize(appDir))}"`);
    }
  }
  requireOneOf(manifest, "style", STYLES, fail);
  requireOneOf(manifest, "language", LANGUAGES, fail);
  requireOneOf(manifest, "module", MODULES, fail);
  requireOneOf(manifest, "runner", RUNNERS, fail);
  requireString(manifest, "testCommand", "testCommand", fail);
  requireString(manifest, "release", "release", fail);
  if (manifest.recordCommand !== undefined && !nonEmptyString(manifest.recordCommand)) {
    fail("recordCommand", "when present, a non-empty shell command");
  }

  const ids = new Set();
  const claimId = (path, id) => {
    if (ids.has(id)) fail(path, `id "${id}" is used twice`);
    ids.add(id);
  };

  if (!Array.isArray(manifest.bugs) || manifest.bugs.length === 0) {
    fail("bugs", "expected a non-empty array");
  } else {
    if (manifest.bugs.length > MAX_BUGS) fail("bugs", `at most ${MAX_BUGS} bugs per app, found ${manifest.bugs.length}`);
    manifest.bugs.forEach((bug, index) => validateBug(bug, `bugs[${index}]`, fail, claimId, appDir));
  }

  if (manifest.decoys !== undefined && !Array.isArray(manifest.decoys)) {
    fail("decoys", "expected an array when present");
  } else {
    (manifest.decoys ?? []).forEach((decoy, index) => validateDecoy(decoy, `decoys[${index}]`, fail, claimId));
  }

  if (appDir) validateAgainstPackage(manifest, appDir, fail);
  return problems;
}

function validateBug(bug, path, fail, claimId, appDir) {
  if (!isObject(bug)) return fail(path, "expected an object");
  if (requireString(bug, "id", `${path}.id`, fail)) {
    if (!ID_RE.test(bug.id)) fail(`${path}.id`, `"${bug.id}" is not kebab-case`);
    claimId(`${path}.id`, bug.id);
  }
  requireString(bug, "kind", `${path}.kind`, fail);
  requireString(bug, "description", `${path}.description`, fail);
  validateMatch(bug.match, `${path}.match`, fail);
  validateLocation(bug.culprit, `${path}.culprit`, fail, appDir);
  validateLocation(bug.fixAt, `${path}.fixAt`, fail, appDir);
  if (isObject(bug.match) && isObject(bug.culprit) && bug.match.file !== bug.culprit.file) {
    fail(`${path}.culprit.file`, `"${bug.culprit.file}" differs from match.file "${bug.match.file}" (both name the first in-app frame)`);
  }
  if (!Number.isInteger(bug.events) || bug.events < 5 || bug.events > 40) {
    fail(`${path}.events`, `expected an integer from 5 to 40, got ${JSON.stringify(bug.events)}`);
  }

  if (!isObject(bug.hidden)) {
    fail(`${path}.hidden`, "expected an object with files and command");
  } else {
    if (!Array.isArray(bug.hidden.files) || bug.hidden.files.length === 0) {
      fail(`${path}.hidden.files`, "expected a non-empty array of {from, to}");
    } else {
      bug.hidden.files.forEach((entry, index) => {
        const at = `${path}.hidden.files[${index}]`;
        if (!isObject(entry)) return fail(at, "expected {from, to}");
        if (requireRelativePath(entry, "from", `${at}.from`, fail)) {
          if (!entry.from.startsWith(".eval/hidden/")) fail(`${at}.from`, `"${entry.from}" must live under .eval/hidden/`);
          requireFile(appDir, entry.from, `${at}.from`, fail);
        }
        if (requireRelativePath(entry, "to", `${at}.to`, fail) && entry.to.startsWith(".eval/")) {
          fail(`${at}.to`, `"${entry.to}" must be outside .eval/ (the healer's copy has no .eval/)`);
        }
      });
    }
    requireString(bug.hidden, "command", `${path}.hidden.command`, fail);
  }

  if (requireRelativePath(bug, "reference", `${path}.reference`, fail)) {
    if (typeof bug.id === "string" && bug.reference !== `.eval/reference/${bug.id}.patch`) {
      fail(`${path}.reference`, `expected ".eval/reference/${bug.id}.patch", got "${bug.reference}"`);
    }
    requireFile(appDir, bug.reference, `${path}.reference`, fail);
  }

  if (!Array.isArray(bug.badFixes) || bug.badFixes.length === 0) {
    fail(`${path}.badFixes`, "expected at least one bad fix patch");
  } else {
    bug.badFixes.forEach((patch, index) => {
      const at = `${path}.badFixes[${index}]`;
      if (typeof patch !== "string" || !isRelativePath(patch)) return fail(at, "expected a relative path");
      if (typeof bug.id === "string" && !(patch.startsWith(`.eval/bad/${bug.id}-`) && patch.endsWith(".patch"))) {
        fail(at, `expected .eval/bad/${bug.id}-<what>.patch, got "${patch}"`);
      }
      requireFile(appDir, patch, at, fail);
    });
  }
}

function validateDecoy(decoy, path, fail, claimId) {
  if (!isObject(decoy)) return fail(path, "expected an object");
  if (requireString(decoy, "id", `${path}.id`, fail)) {
    if (!ID_RE.test(decoy.id)) fail(`${path}.id`, `"${decoy.id}" is not kebab-case`);
    claimId(`${path}.id`, decoy.id);
  }
  requireString(decoy, "kind", `${path}.kind`, fail);
  requireString(decoy, "why", `${path}.why`, fail);
  validateMatch(decoy.match, `${path}.match`, fail);
}

function validateMatch(match, path, fail) {
  if (!isObject(match)) return fail(path, "expected {errorType, messageIncludes, file}");
  requireString(match, "errorType", `${path}.errorType`, fail);
  requireString(match, "messageIncludes", `${path}.messageIncludes`, fail);
  requireRelativePath(match, "file", `${path}.file`, fail);
}

function validateLocation(location, path, fail, appDir) {
  if (!isObject(location)) return fail(path, "expected {file, line}");
  const fileOk = requireRelativePath(location, "file", `${path}.file`, fail);
  if (!Number.isInteger(location.line) || location.line < 1) {
    return fail(`${path}.line`, `expected a positive integer, got ${JSON.stringify(location.line)}`);
  }
  if (!fileOk || !appDir) return;
  const full = join(appDir, location.file);
  if (!existsSync(full)) return fail(`${path}.file`, `${location.file} does not exist in the app`);
  const lines = readFileSync(full, "utf8").split("\n").length;
  if (location.line > lines) fail(`${path}.line`, `${location.file} has only ${lines} lines, not ${location.line}`);
}

function validateAgainstPackage(manifest, appDir, fail) {
  const file = join(appDir, "package.json");
  if (!existsSync(file)) return fail("package.json", "the app has no package.json");
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return fail("package.json", `not valid JSON: ${error.message}`);
  }
  const script = pkg.scripts?.test;
  if (!nonEmptyString(script)) fail("package.json", 'has no "test" script');
  else if (RUNNER_MARKERS[manifest.runner] && !RUNNER_MARKERS[manifest.runner].test(script)) {
    fail("runner", `"${manifest.runner}" but the test script is "${script}"`);
  }
  if (manifest.module === "esm" && pkg.type !== "module") fail("module", `"esm" but package.json has no "type": "module"`);
  if (manifest.module === "cjs" && pkg.type === "module") fail("module", `"cjs" but package.json says "type": "module"`);
}

// ---------------------------------------------------------------- small checks

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmptyString(value) {
  return typeof value === "string" && value.trim().length > 0;
}

function isRelativePath(value) {
  if (typeof value !== "string" || value.length === 0) return false;
  if (value.startsWith("/") || value.includes("\\")) return false;
  return !posix.normalize(value).startsWith("..");
}

function requireString(object, key, path, fail) {
  if (nonEmptyString(object[key])) return true;
  fail(path, `expected a non-empty string, got ${JSON.stringify(object[key])}`);
  return false;
}

function requireOneOf(object, key, allowed, fail) {
  if (allowed.includes(object[key])) return true;
  fail(key, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(object[key])}`);
  return false;
}

function requireRelativePath(object, key, path, fail) {
  if (isRelativePath(object[key])) return true;
  fail(path, `expected a path relative to the app root, got ${JSON.stringify(object[key])}`);
  return false;
}

function requireFile(appDir, relative, path, fail) {
  if (!appDir) return;
  const full = join(appDir, relative);
  if (!existsSync(full) || !statSync(full).isFile()) fail(path, `${relative} does not exist`);
}
