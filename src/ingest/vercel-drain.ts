import { sha256Hex } from "../core/hash.ts";
import { collectBatch, EventRejection, parseItem, splitJsonBatch, type ParsedBatch } from "./batch.ts";
import { MAX_LINE_LENGTH, type ExceptionInfo, type NormalizedEvent, type RequestInfo } from "./event.ts";
import { routeFromUrl } from "./route.ts";
import {
  MAX_DURATION_MS,
  MAX_ENVIRONMENT_LENGTH,
  MAX_TYPE_LENGTH,
  MAX_URL_LENGTH,
  MAX_VALUE_LENGTH,
  normalizeLevel,
  sanitizeTags,
  timestampWindowError,
  VercelLogLineSchema,
  type VercelLogLine,
} from "./schema.ts";
import { truncate } from "./sanitize.ts";
import { parseV8Stack } from "./stacktrace.ts";

// Vercel log drains (https://vercel.com/docs/drains/reference/logs): a JSON array or NDJSON of
// log lines. Two kinds of line matter:
// - request lines (runtime sources with `proxy`, or with `path` and `statusCode`) become
//   request-only events that feed request_metrics. Every console line of one request repeats the
//   request's `proxy` block, so request events are keyed by `requestId` (`vercel:req:<requestId>`):
//   the store's event_id idempotency then counts each request once.
// - lines whose message holds a stack trace (`TypeError: …` then `    at …` lines, with or without
//   the Lambda prefix `<ISO time>\t<request id>\tERROR\t`) become error events (`vercel:<id>`)
//   that keep the line's request info. Both kinds carry the request's key (`vercel:req:<id>`) as
//   `request.requestKey`, so request metrics count a request once whichever lines arrive.
// Build, external, firewall and redirect lines and plain log lines are ignored: neither stored
// nor rejected.

const IGNORED_SOURCES = new Set(["build", "external", "firewall", "redirect"]);
/** A message is at most 256 KB; only the lines a stack header can sit in are scanned. */
const MAX_SCANNED_LINES = 2000;
/** How far above its first `at` line an error's header may be (multi-line messages). */
const MAX_HEADER_DISTANCE = 20;

export function parseVercelDrain(body: string, receivedAt: Date): ParsedBatch {
  return collectBatch(splitJsonBatch(body), (item) => normalizeVercelLine(item, receivedAt));
}

/** One drain line → an error event, a request-only event, or null when it is neither. */
export function normalizeVercelLine(raw: unknown, receivedAt: Date): NormalizedEvent | null {
  if (isObject(raw) && typeof raw.source === "string" && IGNORED_SOURCES.has(raw.source)) return null;
  const line = parseItem(VercelLogLineSchema, raw);
  const error = line.message ? findStackError(line.message) : null;
  const found = requestOf(line);
  if (!error && !found) return null;
  const request = found && line.requestId ? { ...found, requestKey: scopedId("vercel:req:", line.requestId) } : found;

  const timestamp = new Date(line.timestamp);
  if (Number.isNaN(timestamp.getTime())) throw new EventRejection("timestamp: expected milliseconds since the epoch");
  const windowError = timestampWindowError(timestamp, receivedAt);
  if (windowError) throw new EventRejection(windowError);

  const tags = sanitizeTags(
    Object.entries({
      "vercel.source": line.source,
      "vercel.deployment_id": line.deploymentId,
      "vercel.request_id": line.requestId,
      "vercel.branch": line.branch,
      "vercel.region": line.executionRegion ?? line.proxy?.region,
      "vercel.entrypoint": line.entrypoint,
      "error.code": error?.code,
    }),
  );
  const lineLevel = line.level ? normalizeLevel(line.level) : null;
  return {
    eventId: error || !line.requestId ? lineEventId(line, raw) : scopedId("vercel:req:", line.requestId),
    timestamp,
    level: error ? (lineLevel === "fatal" ? "fatal" : "error") : (lineLevel ?? "info"),
    environment: line.environment ? truncate(line.environment, MAX_ENVIRONMENT_LENGTH) : null,
    release: releaseOf(line),
    exception: error ? { type: error.type, value: error.value, frames: error.frames } : null,
    request,
    userId: null,
    tags,
    fingerprint: null,
    source: "vercel",
  };
}

interface StackError extends ExceptionInfo {
  code: string | null;
}

/**
 * The first error with a V8 stack in a log message: a header line (`TypeError: msg`,
 * `Error [ERR_X]: msg`, or a bare `Error`), optional message continuation lines, then `at` lines.
 */
export function findStackError(message: string): StackError | null {
  const lines = message.split("\n", MAX_SCANNED_LINES).map((l) => truncate(l, MAX_LINE_LENGTH));
  for (let at = 1; at < lines.length; at++) {
    if (!/^\s*at \S/.test(lines[at]!)) continue;
    for (let h = at - 1; h >= 0 && h >= at - MAX_HEADER_DISTANCE; h--) {
      const header = parseErrorHeader(stripLambdaPrefix(lines[h]!));
      if (!header) continue;
      const continuation = lines.slice(h + 1, at).join("\n");
      const value = continuation ? `${header.value}\n${continuation}` : header.value;
      const stack = [`${header.type}: ${header.value}`, ...lines.slice(at)].join("\n");
      return {
        type: truncate(header.type, MAX_TYPE_LENGTH),
        value: truncate(value.trimEnd(), MAX_VALUE_LENGTH),
        frames: parseV8Stack(stack),
        code: header.code,
      };
    }
    // `at` lines without a header above them: not an error we can name; keep looking below.
  }
  return null;
}

// Node's Lambda runtime prefixes each console line: `2024-01-01T00:00:00.000Z\t<request id>\tERROR\t`.
function stripLambdaPrefix(line: string): string {
  return line.replace(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z\t[^\t]{0,100}\t[A-Z]{3,7}\t/, "");
}

/**
 * `TypeError: msg`, `Error [ERR_MODULE_NOT_FOUND]: msg`, `Error`, also after other text
 * (`⨯ TypeError: …`, `Unhandled Rejection: Error: …`). Scans candidates with a fixed-string
 * search and walks identifiers by hand, so a hostile line cannot make a regex backtrack.
 */
function parseErrorHeader(line: string): { type: string; value: string; code: string | null } | null {
  const candidates = /(?:Error|Exception)(?=: |:$| \[|$)/g;
  for (let match = candidates.exec(line); match; match = candidates.exec(line)) {
    const end = match.index + match[0].length;
    let start = match.index;
    while (start > 0 && /[\w$]/.test(line[start - 1]!)) start--;
    const type = line.slice(start, end);
    // "Uncaught Exception: TypeError: …" — the word Exception alone is Node's label, not a class.
    if (type === "Exception" || /^\d/.test(type)) continue;
    let rest = line.slice(end);
    let code: string | null = null;
    const codeMatch = /^ \[([A-Za-z0-9_]{1,64})\]/.exec(rest);
    if (codeMatch) {
      code = codeMatch[1]!;
      rest = rest.slice(codeMatch[0].length);
    }
    if (rest.length === 0) return { type, value: "", code };
    if (rest.startsWith(":")) return { type, value: rest.slice(1).replace(/^ /, ""), code };
  }
  return null;
}

function requestOf(line: VercelLogLine): RequestInfo | null {
  const proxy = line.proxy;
  // proxy.statusCode -1: Vercel revalidated in the background; no client waited on it.
  if (proxy?.statusCode === -1) return null;
  const path = proxy?.path ?? line.path;
  const isRequestLine = Boolean(proxy?.path) || (Boolean(line.path) && typeof line.statusCode === "number");
  if (!isRequestLine || !path) return null;
  const host = proxy?.host ?? line.host;
  const scheme = proxy?.scheme && /^https?$/i.test(proxy.scheme) ? proxy.scheme.toLowerCase() : "https";
  const url = truncate(host && path.startsWith("/") ? `${scheme}://${host}${path}` : path, MAX_URL_LENGTH);
  const method = proxy?.method && /^[A-Za-z]{1,16}$/.test(proxy.method) ? proxy.method.toUpperCase() : "UNKNOWN";
  return {
    method,
    url,
    route: routeFromUrl(url),
    status: statusOf(line),
    durationMs: durationOf(line),
  };
}

function statusOf(line: VercelLogLine): number | null {
  const proxyStatus = line.proxy?.statusCode;
  if (isHttpStatus(proxyStatus)) return proxyStatus;
  // statusCode -1: the function crashed without answering; the client saw a 500.
  if (line.statusCode === -1) return 500;
  return isHttpStatus(line.statusCode) ? line.statusCode : null;
}

function durationOf(line: VercelLogLine): number | null {
  if (typeof line.duration === "number" && line.duration >= 0 && line.duration <= MAX_DURATION_MS) {
    return line.duration;
  }
  // Lambda's closing line: "REPORT RequestId: … Duration: 12.34 ms Billed Duration: 13 ms …".
  const report = line.message ? /^REPORT RequestId: \S{1,100}\s+Duration: (\d{1,9}(?:\.\d{1,6})?) ms/.exec(line.message.slice(0, 200)) : null;
  return report ? Number(report[1]) : null;
}

function releaseOf(line: VercelLogLine): string | null {
  const meta = line.meta ?? {};
  const sha = [line.gitCommitSha, meta.gitCommitSha, meta.githubCommitSha].find(
    (value): value is string => typeof value === "string" && /^[0-9a-f]{7,64}$/i.test(value),
  );
  return sha ?? line.deploymentId ?? null;
}

function lineEventId(line: VercelLogLine, raw: unknown): string {
  if (line.id !== null && line.id !== undefined && String(line.id).length > 0) return scopedId("vercel:", String(line.id));
  // No id: the same line re-delivered hashes the same, so a retry still counts once.
  const digest = sha256Hex(JSON.stringify(raw)).slice(0, 32);
  return `vercel:${digest}`;
}

// Event ids are at most 64 characters of [A-Za-z0-9_.:-]; longer or odd ids are hashed to fit.
function scopedId(prefix: string, id: string): string {
  const candidate = prefix + id;
  if (candidate.length <= 64 && /^[A-Za-z0-9_.:-]+$/.test(candidate)) return candidate;
  return prefix + sha256Hex(id).slice(0, 32);
}

function isHttpStatus(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 100 && value <= 599;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
