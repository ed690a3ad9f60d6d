// Reads an app's recorded events (.eval/events.jsonl) and answers the questions check-app asks of
// them: is every line a well-formed generic event, which events does a manifest `match` select,
// and what is the first in-app frame of a stack.

import { readFileSync } from "node:fs";

export const LEVELS = ["fatal", "error", "warning", "info", "debug"];
const EVENT_ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;
const TIMESTAMP_RE = /^2026-11-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const WINDOW_MS = 30 * 60_000;
/** Headers an error reporter scrubs (credentials of any spelling); they must never be recorded. */
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret|password|-key$/i;

/** Returns `{ events, problems }`; `events` holds every line that parsed, in file order. */
export function readEvents(file) {
  const text = readFileSync(file, "utf8");
  const problems = [];
  const events = [];
  if (text.length === 0) return { events, problems: ["the file is empty"] };
  if (!text.endsWith("\n")) problems.push("the file does not end with a newline");
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((line, index) => {
    if (line.trim() === "") return problems.push(`line ${index + 1}: blank line`);
    try {
      events.push({ line: index + 1, raw: line, event: JSON.parse(line) });
    } catch (error) {
      problems.push(`line ${index + 1}: not JSON (${error.message})`);
    }
  });
  return { events, problems };
}

/**
 * Checks each event against the generic event format and the evaluation rules (production,
 * the manifest's release, November 2026 within 30 minutes, no secrets, no local paths).
 * `forbiddenText` lists strings (local checkout paths) that must not appear anywhere.
 */
export function validateEvents(lines, { release, forbiddenText = [] }) {
  const problems = [];
  const seen = new Map();
  let first = Infinity;
  let last = -Infinity;
  for (const { line, raw, event } of lines) {
    const fail = (message) => problems.push(`line ${line}: ${message}`);
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      fail("not a JSON object");
      continue;
    }
    if (typeof event.event_id !== "string" || !EVENT_ID_RE.test(event.event_id)) fail(`event_id ${JSON.stringify(event.event_id)} is not 1-64 characters of A-Z a-z 0-9 _ . : -`);
    else if (seen.has(event.event_id) && seen.get(event.event_id) !== raw) fail(`event_id ${event.event_id} repeats with different content`);
    else seen.set(event.event_id, raw);

    const at = typeof event.timestamp === "string" && TIMESTAMP_RE.test(event.timestamp) ? Date.parse(event.timestamp) : NaN;
    if (Number.isNaN(at)) fail(`timestamp ${JSON.stringify(event.timestamp)} is not an RFC 3339 time in November 2026`);
    else {
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    if (!LEVELS.includes(event.level)) fail(`level ${JSON.stringify(event.level)} is not one of ${LEVELS.join(", ")}`);
    if (event.environment !== "production") fail(`environment is ${JSON.stringify(event.environment)}, expected "production"`);
    if (event.release !== release) fail(`release is ${JSON.stringify(event.release)}, the manifest says ${JSON.stringify(release)}`);

    if (event.exception === undefined && event.request === undefined) fail("has neither exception nor request");
    if (event.exception !== undefined) checkException(event.exception, fail);
    else if (event.level !== "info") fail(`a request-only event has level ${JSON.stringify(event.level)}, expected "info"`);
    if (event.exception !== undefined && !["fatal", "error", "warning"].includes(event.level)) {
      fail(`an event with an exception has level ${JSON.stringify(event.level)}`);
    }
    if (event.request !== undefined) checkRequest(event.request, fail);
    if (event.user !== undefined && (typeof event.user !== "object" || event.user === null || !["string", "number"].includes(typeof event.user.id))) {
      fail("user must be {id}");
    }
    if (event.tags !== undefined && !isStringRecord(event.tags)) fail("tags must be an object of string values");

    for (const text of forbiddenText) {
      if (text && raw.includes(text)) fail(`contains the local path ${JSON.stringify(text)}; rewrite it to the deploy root`);
    }
    if (raw.includes("/.eval/")) fail("mentions /.eval/: recorder frames or paths leaked into the event");
  }
  if (last - first > WINDOW_MS) {
    problems.push(`timestamps span ${Math.round((last - first) / 60_000)} minutes, more than 30`);
  }
  return problems;
}

function checkException(exception, fail) {
  if (typeof exception !== "object" || exception === null) return fail("exception must be an object");
  if (typeof exception.type !== "string" || exception.type === "") fail("exception.type must be a non-empty string");
  if (typeof exception.value !== "string") fail("exception.value must be a string");
  if (typeof exception.stacktrace !== "string" || !/\n\s+at /.test(exception.stacktrace)) {
    fail("exception.stacktrace must be a V8 stack string with at least one frame");
  }
}

function checkRequest(request, fail) {
  if (typeof request !== "object" || request === null) return fail("request must be an object");
  if (typeof request.method !== "string" || !/^[A-Z]+$/.test(request.method)) fail(`request.method ${JSON.stringify(request.method)} is not an uppercase method`);
  if (typeof request.url !== "string" || request.url === "") fail("request.url must be a non-empty string");
  if (!Number.isInteger(request.status) || request.status < 100 || request.status > 599) fail(`request.status ${JSON.stringify(request.status)} is not an HTTP status`);
  if (typeof request.duration_ms !== "number" || request.duration_ms < 0) fail("request.duration_ms must be a non-negative number");
  if (request.headers !== undefined) {
    if (!isStringRecord(request.headers)) fail("request.headers must be an object of string values");
    else {
      for (const name of Object.keys(request.headers)) {
        if (SECRET_HEADER.test(name)) fail(`request.headers carries ${name}, a credential; scrub it`);
      }
    }
  }
}

function isStringRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === "string");
}

// ---------------------------------------------------------------- stacks and matches

/** Frames of a V8 stack string, nearest the throw first: `{ fn, path, line, column }`. */
export function parseFrames(stack) {
  const frames = [];
  for (const text of String(stack).split("\n")) {
    const trimmed = text.trim();
    if (!trimmed.startsWith("at ")) continue;
    const location = /\(([^()]*)\)$/.exec(trimmed)?.[1] ?? trimmed.slice(3).replace(/^async /, "");
    const parts = /^(.*?):(\d+):(\d+)$/.exec(location);
    if (!parts) continue;
    const fn = trimmed.includes("(") ? trimmed.slice(3, trimmed.lastIndexOf(" (")) : "";
    // ESM frames are file: URLs, percent-encoded ("app/api/[id]" reads "app/api/%5Bid%5D").
    const path = parts[1].startsWith("file://") ? safeDecode(parts[1].slice("file://".length)) : parts[1];
    frames.push({ fn, path, line: Number(parts[2]), column: Number(parts[3]) });
  }
  return frames;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function framePathIs(path, file) {
  return path === file || path.endsWith(`/${file}`);
}

/** Absolute paths (plain or file: URLs) named in an error message. */
export function messagePaths(message) {
  return [...String(message).matchAll(/(?:file:\/\/)?(\/[^\s'"`()]+)/g)].map((found) => found[1]);
}

/** Whether `file` (repo-relative) is one of the paths an error message names. */
export function messageNames(message, file) {
  return messagePaths(message).some((path) => framePathIs(path, file));
}

/**
 * Whether an event is selected by a manifest `match` ({errorType, messageIncludes, file}). The
 * file is a frame of the stack or, for errors whose stack has no frame in the app (a failed
 * lazy `import()`: "Cannot find module … imported from /app/src/x.ts"), a path in the message.
 */
export function eventMatches(event, match) {
  const exception = event.exception;
  if (!exception || exception.type !== match.errorType) return false;
  if (typeof exception.value !== "string" || !exception.value.includes(match.messageIncludes)) return false;
  if (parseFrames(exception.stacktrace).some((frame) => framePathIs(frame.path, match.file))) return true;
  return messageNames(exception.value, match.file);
}

/**
 * The first frame in the app's own code. The deploy root is found from a frame that names
 * `knownFile` (a repo-relative path); frames under it and outside node_modules are in-app.
 * Returns `{ file, line, deployRoot }` or null.
 */
export function firstInAppFrame(stack, knownFile) {
  const frames = parseFrames(stack);
  const anchor = frames.find((frame) => framePathIs(frame.path, knownFile));
  if (!anchor) return null;
  const deployRoot = anchor.path.slice(0, anchor.path.length - knownFile.length);
  for (const frame of frames) {
    if (!frame.path.startsWith(deployRoot) || frame.path.includes("/node_modules/")) continue;
    return { file: frame.path.slice(deployRoot.length), line: frame.line, deployRoot };
  }
  return null;
}

/** Distinct events (by event_id) selected by a match. */
export function matchingEvents(lines, match) {
  const byId = new Map();
  for (const { event } of lines) {
    if (eventMatches(event, match) && !byId.has(event.event_id)) byId.set(event.event_id, event);
  }
  return [...byId.values()];
}
