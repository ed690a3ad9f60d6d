import { importerFromMessage } from "../diagnose/classify.ts";
import { pickCulpritFrame } from "../diagnose/culprit.ts";
import type { StackFrame } from "../core/stack-frame.ts";
import { normalizeMessage } from "../ingest/fingerprint.ts";
import { parseV8Stack, toRepoPath } from "../ingest/stacktrace.ts";
import type { Answer, FailingInput, ObservedException } from "./reproduction.ts";
import { type OracleRecord, oracleRecordSchema } from "./schema.ts";

// The oracle: a mechanical decision whether an exception seen in the sandbox is the incident's.
// Same type (the stack header's name, or the constructor's name), same message once variable
// parts are parameterized (normalizeMessage, with file paths made repo-relative on both sides),
// and the same culprit: the application frame nearest the throw has the incident's file and
// function. Exceptions thrown and caught inside dependencies or Node's internals have no such
// frame, so they never match.

export interface ReproductionTarget {
  type: string;
  message: string;
  culprit: { file: string; function: string | null; line: number | null };
  /** Where the module that failed to load is named in the message, not on the stack. */
  importerInMessage: string | null;
}

export function targetOf(input: FailingInput): ReproductionTarget {
  const importer = importerFromMessage(input.error.message);
  return {
    type: input.error.type,
    message: input.error.message,
    culprit: { file: input.culprit.file, function: input.culprit.function, line: input.culprit.line },
    importerInMessage: importer === null ? null : toRepoPath(importer),
  };
}

export type Mismatch = "type" | "message" | "culprit";

export type MatchResult = { matches: true } | { matches: false; mismatch: Mismatch; detail: string };

export function matchException(observed: ObservedException, target: ReproductionTarget): MatchResult {
  if (!sameType(observed, target.type)) {
    return { matches: false, mismatch: "type", detail: `${observed.type} is not the incident's ${target.type}` };
  }
  const seen = comparableMessage(observed.message);
  const wanted = comparableMessage(target.message);
  if (seen !== wanted) {
    return { matches: false, mismatch: "message", detail: `the message "${clip(seen, 160)}" is not "${clip(wanted, 160)}"` };
  }
  const frame = pickCulpritFrame(observed.frames);
  if (frame === null) {
    // A module that fails to load throws before any application frame runs; its importer is in
    // the message, and diagnosis localized the incident to that importer the same way.
    const importer = importerFromMessage(observed.message);
    if (importer !== null && target.importerInMessage !== null && sameFile(toRepoPath(importer), target.culprit.file)) {
      return { matches: true };
    }
    return { matches: false, mismatch: "culprit", detail: "no application frame is on its stack" };
  }
  // Test runners that map stacks through source maps (jest) may print the nearest name in the map
  // instead of the function's; on the incident's own line, the file and line decide.
  const sameSite = sameFunction(frame.function, target.culprit.function) || (target.culprit.line !== null && frame.line === target.culprit.line);
  if (!sameFile(frame.file, target.culprit.file) || !sameSite) {
    const where = `${frame.file}${frame.function ? ` in ${frame.function}()` : ""}`;
    const wantedWhere = `${target.culprit.file}${target.culprit.function ? ` in ${target.culprit.function}()` : ""}`;
    return { matches: false, mismatch: "culprit", detail: `it was thrown at ${where}, not at ${wantedWhere}` };
  }
  return { matches: true };
}

/** The first exception that matches, or null. */
export function findMatch(exceptions: readonly ObservedException[], target: ReproductionTarget): ObservedException | null {
  return exceptions.find((exception) => matchException(exception, target).matches) ?? null;
}

function sameType(observed: ObservedException, type: string): boolean {
  const wanted = baseTypeName(type);
  return baseTypeName(observed.type) === wanted || (observed.className !== null && baseTypeName(observed.className) === wanted);
}

// `Error [ERR_MODULE_NOT_FOUND]` is Node's way of printing a code next to the name.
function baseTypeName(type: string): string {
  return type.replace(/\s*\[[^\]]{0,100}\]\s*$/, "").trim();
}

const MESSAGE_TAIL = /\r?\nRequire stack:[\s\S]*$/;
const ABSOLUTE_PATH = /(?<=^|[\s'"`(])(?:file:\/\/)?\/[^\s'"`()<>,;]{1,1000}/g;

// Absolute paths differ between production (/var/task/…) and the sandbox; the repo-relative path
// is what identifies the bug. CommonJS appends the require stack, which names the caller (the
// server in production, the test here), so it is not part of what must be equal.
function comparableMessage(message: string): string {
  const head = message.replace(MESSAGE_TAIL, "").replace(/app:\/\/\//g, "");
  return normalizeMessage(head.replace(ABSOLUTE_PATH, (path) => toRepoPath(path)));
}

const SCRIPT_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Same file; `.js` and `.ts` of one module count as one (a build may run the other). */
export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  if (!SCRIPT_EXTENSIONS.test(a) || !SCRIPT_EXTENSIONS.test(b)) return false;
  return a.replace(SCRIPT_EXTENSIONS, "") === b.replace(SCRIPT_EXTENSIONS, "");
}

/**
 * Same function, ignoring what V8 prints around the name: the receiver (`Object.handler` when a
 * CommonJS export is called as a method, `Runtime.handler` on Lambda), `async `, `new ` and
 * ` [as alias]`.
 */
export function sameFunction(a: string | null, b: string | null): boolean {
  return baseFunctionName(a) === baseFunctionName(b);
}

function baseFunctionName(name: string | null): string | null {
  if (name === null) return null;
  let base = name.trim().replace(/^async\s+/, "").replace(/^new\s+/, "").replace(/\s*\[as [^\]]{0,200}\]$/, "");
  const dot = base.lastIndexOf(".");
  if (dot >= 0) base = base.slice(dot + 1);
  return base === "" || base === "<anonymous>" ? null : base;
}

// ---- records of a run ----------------------------------------------------------------------

const MAX_RECORD_LINES = 5_000;
const MAX_RECORD_LINE = 70_000;

export interface ParsedRecords {
  records: OracleRecord[];
  /** Lines that were not records (cut, malformed, or written by something else). */
  skipped: number;
}

export function parseOracleRecords(text: string): ParsedRecords {
  const records: OracleRecord[] = [];
  let skipped = 0;
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    if (index >= MAX_RECORD_LINES || line.length > MAX_RECORD_LINE) {
      skipped += 1;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const parsed = oracleRecordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else skipped += 1;
  }
  return { records, skipped };
}

/**
 * An exception description (V8's `stack` string: the header `Type: message`, then `at` lines),
 * with sandbox paths mapped to repo-relative ones. `roots` are the sandbox's root as the process
 * saw it (the real path and any symlinked form).
 */
export function observedFromDescription(description: string, className: string | null, roots: readonly string[]): ObservedException {
  const mapped = mapSandboxPaths(description, roots);
  const lines = mapped.split("\n");
  let headerEnd = lines.findIndex((line) => /^\s*at\s/.test(line));
  if (headerEnd < 0) headerEnd = lines.length;
  const header = lines.slice(0, headerEnd).join("\n");
  const { type, message } = splitHeader(header, className);
  return { type, className, message, frames: parseV8Stack(lines.slice(headerEnd).join("\n")) };
}

function splitHeader(header: string, className: string | null): { type: string; message: string } {
  const colon = header.indexOf(": ");
  const name = colon < 0 ? header.trim() : header.slice(0, colon);
  if (/^[\w$.]{1,200}(?: \[[\w-]{1,100}\])?$/.test(name)) {
    return { type: baseTypeName(name), message: colon < 0 ? "" : header.slice(colon + 2) };
  }
  return { type: className ?? "Error", message: header };
}

// Rewritten to `app:///`, which toRepoPath strips like a bundler's root and isInAppPath keeps as
// application code (unless it is under node_modules): the same mapping production stacks get.
function mapSandboxPaths(text: string, roots: readonly string[]): string {
  let out = text;
  for (const root of [...roots].sort((a, b) => b.length - a.length)) {
    const bare = root.replace(/\/+$/, "");
    if (bare === "") continue;
    for (const prefix of [`file://${encodeURI(bare)}/`, `file://${bare}/`, `${bare}/`]) {
      out = out.split(prefix).join("app:///");
    }
  }
  return out;
}

export interface AttemptObservation {
  exceptions: ObservedException[];
  answer: Answer | null;
}

export interface Attribution {
  byAttempt: Map<string, AttemptObservation>;
  /** Exceptions raised outside any probe attempt: the regression test's, or a module's load. */
  outside: ObservedException[];
}

/**
 * Sorts a run's records by attempt. A probe marks the start and end of each attempt in its
 * process and thread; an exception belongs to the attempt open in its process and thread when it
 * was thrown (writes are synchronous and appended in order, so the file order is the run's order).
 */
export function attributeRecords(records: readonly OracleRecord[], roots: readonly string[]): Attribution {
  const byAttempt = new Map<string, AttemptObservation>();
  const outside: ObservedException[] = [];
  const open = new Map<string, string>();
  const entry = (attempt: string): AttemptObservation => {
    let found = byAttempt.get(attempt);
    if (!found) {
      found = { exceptions: [], answer: null };
      byAttempt.set(attempt, found);
    }
    return found;
  };
  for (const record of records) {
    const where = `${record.pid}:${record.thread}`;
    if (record.kind === "mark") {
      if (record.attempt === null) open.delete(where);
      else {
        open.set(where, record.attempt);
        entry(record.attempt);
      }
      continue;
    }
    if (record.kind === "answer") {
      entry(record.attempt).answer = record.answer;
      continue;
    }
    const observed = observedFromDescription(record.description, record.className, roots);
    const attempt = open.get(where);
    const list = attempt === undefined ? outside : entry(attempt).exceptions;
    // A rethrow (or an await that passes the same error on) pauses again with the same stack.
    if (!list.some((seen) => sameObserved(seen, observed))) list.push(observed);
  }
  return { byAttempt, outside };
}

function sameObserved(a: ObservedException, b: ObservedException): boolean {
  return a.type === b.type && a.message === b.message && JSON.stringify(a.frames) === JSON.stringify(b.frames);
}

/** Application frames of an exception, nearest the throw first, for a record a person reads. */
export function applicationFrames(exception: ObservedException, max = 5): StackFrame[] {
  return exception.frames.filter((frame) => frame.inApp).slice(-max).reverse();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
