import type { StackFrame } from "../core/stack-frame.ts";
import { MAX_FRAMES, MAX_LINE_LENGTH } from "./event.ts";
import { truncate } from "./sanitize.ts";

// Stack traces arrive as text (V8 `error.stack`, Firefox/Safari `fn@url:line:col`) or as Sentry
// protocol frames. Both become StackFrame[] in Sentry order: oldest call first, throwing frame last.
//
// Every input here is attacker-controlled text. Following Sentry's SDK, a stack keeps at most
// MAX_FRAMES frames (the ones nearest the throw: those are the ones grouping and diagnosis read)
// and every line is cut to MAX_LINE_LENGTH before any regex sees it. Parsing is done with string
// scans and anchored, bounded patterns, so its cost is linear in the text it reads.

/** Parse a V8 (Node, Deno, Chrome) or Firefox/Safari stack string into frames, oldest first. */
export function parseV8Stack(stack: string): StackFrame[] {
  if (typeof stack !== "string" || stack.length === 0) return [];
  // Collected newest-first, as the text lists them; reversed into Sentry order at the end.
  const newestFirst: StackFrame[] = [];
  let mode: "v8" | "gecko" | null = null;
  let start = 0;
  while (start <= stack.length && newestFirst.length < MAX_FRAMES) {
    let end = stack.indexOf("\n", start);
    if (end === -1) end = stack.length;
    const line = truncate(stack.slice(start, Math.min(end, start + MAX_LINE_LENGTH + 1)), MAX_LINE_LENGTH).trim();
    start = end + 1;
    if (line.length === 0) continue;
    // Node's util.inspect prints a cause's own stack after the error's; that is another error.
    if (newestFirst.length > 0 && isSectionBreak(line)) break;
    if (mode !== "gecko" && line.startsWith("at ")) {
      const frame = parseV8Line(line.slice(3));
      if (frame) {
        mode = "v8";
        newestFirst.push(frame);
      }
      continue;
    }
    if (mode === "v8") continue;
    const frame = parseGeckoLine(line);
    if (frame) {
      mode = "gecko";
      newestFirst.push(frame);
    }
  }
  return newestFirst.reverse();
}

/**
 * Frames in the Sentry protocol ({filename, abs_path, module, function, lineno, colno, in_app}),
 * already oldest-first. Entries that are not objects or carry no location are skipped.
 * `in_app: false` from the client is respected; `in_app: true` is not trusted on a path that is
 * plainly third-party or runtime code, so a wrong client flag cannot point a fix at node_modules.
 */
export function framesFromSentry(frames: unknown[]): StackFrame[] {
  if (!Array.isArray(frames)) return [];
  const newestFirst: StackFrame[] = [];
  for (let i = frames.length - 1; i >= 0 && newestFirst.length < MAX_FRAMES; i--) {
    const frame = sentryFrame(frames[i]);
    if (frame) newestFirst.push(frame);
  }
  return newestFirst.reverse();
}

function sentryFrame(entry: unknown): StackFrame | null {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return null;
  const record = entry as Record<string, unknown>;
  const filename = boundedString(record.filename);
  const absPath = boundedString(record.abs_path);
  const module = boundedString(record.module);
  const raw = filename ?? absPath ?? module;
  const fn = functionName(boundedString(record.function));
  if (raw === null && fn === null) return null;
  const paths = [filename, absPath].filter((path): path is string => path !== null);
  const pathInApp = paths.length > 0 ? paths.every(isInAppPath) : raw !== null && isInAppPath(raw);
  const inApp = record.in_app !== false && pathInApp;
  return {
    file: raw === null ? "<unknown>" : toRepoPath(raw),
    function: fn,
    line: position(record.lineno),
    column: position(record.colno),
    inApp,
  };
}

function boundedString(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = truncate(value, MAX_LINE_LENGTH).trim();
  return trimmed.length > 0 ? trimmed : null;
}

function position(value: unknown): number | null {
  const n = typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return null;
  return Math.trunc(n);
}

function functionName(name: string | null): string | null {
  if (name === null || name === "?" || name === "<anonymous>") return null;
  return name;
}

function isSectionBreak(line: string): boolean {
  return line.startsWith("[cause]:") || line.startsWith("[errors]:") || line.startsWith("Caused by:");
}

// `at fn (location)`, `at async fn (location)`, `at new Foo (location)`, `at location`,
// `at eval (eval at outer (file:1:2), <anonymous>:1:1)`, `at Array.map (<anonymous>)`.
function parseV8Line(rest: string): StackFrame | null {
  let text = rest.trim();
  // util.inspect opens the error's own properties on the last frame's line: `at f (a.ts:1:1) {`
  if (text.endsWith(" {")) text = text.slice(0, -2).trimEnd();
  if (text.startsWith("async ")) text = text.slice(6).trim();
  let fn: string | null = null;
  let location = text;
  if (text.endsWith(")")) {
    const open = matchingOpenParen(text, text.length - 1);
    if (open > 0) {
      fn = text.slice(0, open).trim() || null;
      location = text.slice(open + 1, -1).trim();
    } else if (open === 0) {
      location = text.slice(1, -1).trim();
    }
  }
  location = evalOrigin(location);
  if (location.length === 0) return null;
  const split = splitLocation(location);
  // A message's own continuation line ("at least one item is required") is not a frame.
  if (split.line === null && !isOpaqueName(location) && !/[/\\]/.test(location)) return null;
  return frameOf(split.file, functionName(fn), split.line, split.column);
}

// Firefox: `fn@url:line:col`, `async*fn@url:1:2`, `@url:1:2`, `fn@url line 7 > eval:1:1`.
// Safari: `global code@url:1:2`, `forEach@[native code]`, `[native code]`.
function parseGeckoLine(line: string): StackFrame | null {
  if (line === "[native code]") return locationFrame(line, null);
  const at = line.indexOf("@");
  let fn: string | null = null;
  let location = line;
  if (at >= 0) {
    fn = line.slice(0, at);
    location = line.slice(at + 1);
    // A message line such as "Error: mail to bob@example.com:25 failed" is not a frame.
    if (fn.includes(": ") || fn.length > 256) return null;
    const star = fn.lastIndexOf("*");
    if (star >= 0) fn = fn.slice(star + 1);
    fn = fn.trim() || null;
  } else if (!/^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(line)) {
    return null;
  }
  const evalAt = location.search(/ line \d{1,9} > (?:eval|Function)/);
  if (evalAt > 0) {
    const lineMatch = / line (\d{1,9}) > /.exec(location);
    const file = location.slice(0, evalAt);
    return frameOf(file, fn, lineMatch ? Number(lineMatch[1]) : null, null);
  }
  const split = splitLocation(location);
  const looksLikeLocation =
    location === "[native code]" || split.line !== null || /^[a-z][a-z0-9+.-]{0,20}:\/\//i.test(location);
  if (!looksLikeLocation) return null;
  return frameOf(split.file, fn, split.line, split.column);
}

function locationFrame(location: string, fn: string | null): StackFrame {
  const split = splitLocation(location);
  return frameOf(split.file, fn, split.line, split.column);
}

function frameOf(raw: string, fn: string | null, line: number | null, column: number | null): StackFrame {
  return { file: toRepoPath(raw), function: fn, line, column, inApp: isInAppPath(raw) };
}

// Scans backwards for the "(" that opens the group closed at `close`; -1 when unbalanced.
function matchingOpenParen(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

// `eval at outer (eval at inner (/app/src/x.js:3:10), <anonymous>:1:1), <anonymous>:1:1`: the
// innermost parenthesized location is the real file that called eval (Sentry does the same).
function evalOrigin(location: string): string {
  let current = location;
  for (let guard = 0; guard < 16 && current.startsWith("eval at "); guard++) {
    const open = current.indexOf("(");
    if (open < 0) return current;
    let depth = 0;
    let close = -1;
    for (let i = open; i < current.length; i++) {
      const c = current.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41) {
        depth--;
        if (depth === 0) {
          close = i;
          break;
        }
      }
    }
    if (close < 0) return current;
    current = current.slice(open + 1, close).trim();
  }
  return current;
}

function splitLocation(location: string): { file: string; line: number | null; column: number | null } {
  const last = trailingNumber(location);
  if (last === null) return { file: location, line: null, column: null };
  const before = trailingNumber(last.rest);
  if (before === null) return { file: last.rest, line: last.value, column: null };
  return { file: before.rest, line: before.value, column: last.value };
}

function trailingNumber(text: string): { rest: string; value: number } | null {
  const colon = text.lastIndexOf(":");
  if (colon <= 0 || colon === text.length - 1) return null;
  const digits = text.slice(colon + 1);
  if (digits.length > 9 || !/^\d+$/.test(digits)) return null;
  return { rest: text.slice(0, colon), value: Number(digits) };
}

// Deploy roots, anchored at the start of an absolute POSIX path. Everything up to and including
// the root is the build/deploy machine's checkout; what follows is repo-relative.
const DEPLOY_ROOTS: RegExp[] = [
  /^\/var\/task\//, // AWS Lambda, Vercel functions, Netlify functions
  /^\/vercel\/path\d+\//, // Vercel build
  /^\/home\/[^/]{1,100}\/work\/[^/]{1,100}\/[^/]{1,100}\//, // GitHub Actions: /home/runner/work/<repo>/<repo>/
  /^\/github\/workspace\//, // GitHub Actions container jobs
  /^\/opt\/build\/repo\//, // Netlify build
  /^\/opt\/render\/project\/src\//, // Render
  /^\/builds\/[^/]{1,100}\/[^/]{1,100}\//, // GitLab CI
  /^\/tmp\/build_[0-9a-f]{1,64}\//, // Heroku build
  /^\/var\/app\/current\//, // Elastic Beanstalk
  /^\/home\/site\/wwwroot\//, // Azure App Service
  /^\/usr\/src\/app\//, // common Dockerfiles
  /^\/usr\/app\//,
  /^\/srv\/app\//,
  /^\/home\/node\/app\//,
  /^\/app\//, // Heroku, Fly.io, Railway, most Dockerfiles
  /^\/workspace\//, // Cloud Run buildpacks
  /^\/code\//,
];

// Supabase's edge runtime serves functions from its own directory; the repo keeps them under
// supabase/functions/.
const SUPABASE_RUNTIME_ROOTS: RegExp[] = [
  /^\/home\/deno\/functions\//,
  /^\/var\/tmp\/sb-compile-edge-runtime\/(?:source\/)?functions\//,
];

// When no deploy root is known, keep the path from the first of these segments: they are where
// application source conventionally starts. `src/` first: `/home/me/app/src/x.ts` is `src/x.ts`.
const SOURCE_ANCHORS = ["/supabase/functions/", "/src/"];
const OTHER_ANCHORS = ["/packages/", "/apps/", "/app/", "/lib/", "/pages/", "/routes/", "/api/", "/.next/", "/dist/"];

/**
 * Map a deploy or bundler path to a repo-relative one (`/var/task/src/users.ts` → `src/users.ts`).
 * Runtime and third-party names (`node:internal/…`, `ext:…`, `<anonymous>`) come back unchanged;
 * node_modules paths keep `node_modules/…` so they stay recognisably third-party. Compiled Next.js
 * output (`.next/server/app/…`) stays as-is: it is the app's code, but not a file in the repo, so
 * diagnosis must map it back itself. Unmappable absolute paths are returned absolute (POSIX).
 */
export function toRepoPath(filename: string): string {
  let path = truncate(filename, MAX_LINE_LENGTH).trim();
  if (path.length === 0) return path;
  if (isOpaqueName(path)) return path;

  const lower = path.toLowerCase();
  if (lower.startsWith("webpack-internal:///")) return bundlerRelative(stripQuery(path.slice(20)));
  if (lower.startsWith("webpack://")) {
    const rest = stripQuery(path.slice(10));
    // webpack 5 puts a namespace before the path: webpack://my-app/./src/x.ts
    if (rest.startsWith("/")) return bundlerRelative(rest.replace(/^\/+/, ""));
    const slash = rest.indexOf("/");
    return bundlerRelative(slash >= 0 && !rest.startsWith(".") ? rest.slice(slash + 1) : rest);
  }
  if (/^https?:\/\//i.test(path)) return urlPathname(path);
  if (lower.startsWith("app:///")) return bundlerRelative(stripQuery(path.slice(7)));
  if (lower.startsWith("~/")) return bundlerRelative(stripQuery(path.slice(2)));
  if (lower.startsWith("file://")) {
    path = stripQuery(path.slice(7));
    // file://host/path is rare; file:///path leaves "/path".
    if (!path.startsWith("/")) path = path.slice(Math.max(path.indexOf("/"), 0));
    path = decodePath(path);
  } else if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(path)) {
    return path;
  } else {
    path = stripQuery(path);
  }

  let fromWindowsDrive = false;
  if (path.includes("\\")) path = path.replace(/\\/g, "/");
  const drive = /^\/?[A-Za-z]:\//.exec(path);
  if (drive) {
    path = path.slice(drive[0].length - 1);
    fromWindowsDrive = true;
  }
  if (!path.startsWith("/")) return bundlerRelative(path);
  return absoluteToRepo(path, fromWindowsDrive);
}

function absoluteToRepo(path: string, fromWindowsDrive: boolean): string {
  const modules = path.indexOf("/node_modules/");
  if (modules >= 0) return path.slice(modules + 1);
  for (const root of SUPABASE_RUNTIME_ROOTS) {
    const match = root.exec(path);
    if (match) return `supabase/functions/${path.slice(match[0].length)}`;
  }
  // GitHub Actions on Windows checks out to D:\a\<repo>\<repo>\.
  const roots = fromWindowsDrive ? [/^\/a\/[^/]{1,100}\/[^/]{1,100}\//, ...DEPLOY_ROOTS] : DEPLOY_ROOTS;
  for (const root of roots) {
    const match = root.exec(path);
    if (match) return path.slice(match[0].length);
  }
  for (const anchor of SOURCE_ANCHORS) {
    const at = path.indexOf(anchor);
    if (at >= 0) return path.slice(at + 1);
  }
  let earliest = -1;
  for (const anchor of OTHER_ANCHORS) {
    const at = path.indexOf(anchor);
    if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
  }
  return earliest >= 0 ? path.slice(earliest + 1) : path;
}

// Next.js layer prefixes in webpack-internal paths: (rsc)/./app/page.tsx, (ssr)/./src/x.ts.
function bundlerRelative(path: string): string {
  let rest = path.replace(/\\/g, "/");
  rest = rest.replace(/^\([a-z0-9-]{1,40}\)\//i, "");
  while (rest.startsWith("./")) rest = rest.slice(2);
  return rest;
}

function urlPathname(url: string): string {
  const afterScheme = url.indexOf("//") + 2;
  const slash = url.indexOf("/", afterScheme);
  if (slash < 0) return "";
  const path = url.slice(slash + 1);
  const cut = path.search(/[?#]/);
  return cut >= 0 ? path.slice(0, cut) : path;
}

function stripQuery(path: string): string {
  const cut = path.indexOf("?");
  return cut >= 0 ? path.slice(0, cut) : path;
}

function decodePath(path: string): string {
  if (!path.includes("%")) return path;
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

// Names that are not paths at all; mapping them would only mangle them.
function isOpaqueName(path: string): boolean {
  const lower = path.toLowerCase();
  if (lower === "native" || lower === "<anonymous>" || lower === "[native code]" || lower === "<unknown>") {
    return true;
  }
  if (/^index \d{1,9}$/.test(lower)) return true;
  return (
    lower.startsWith("node:") ||
    lower.startsWith("ext:") ||
    lower.startsWith("deno:") ||
    lower.startsWith("bun:") ||
    lower.startsWith("jsr:") ||
    lower.startsWith("npm:") ||
    lower.startsWith("internal/") ||
    lower.startsWith("evalmachine.") ||
    lower.startsWith("<")
  );
}

const THIRD_PARTY_HOSTS = [
  "deno.land",
  "esm.sh",
  "jsr.io",
  "cdn.jsdelivr.net",
  "unpkg.com",
  "cdnjs.cloudflare.com",
  "cdn.skypack.dev",
  "ga.jspm.io",
  "esm.run",
];

const NON_APP_PREFIXES = [
  "node:",
  "internal/", // Node < 16 printed core frames as internal/process/…
  "ext:", // Deno's built-in extensions
  "deno:",
  "bun:",
  "jsr:",
  "npm:",
  "evalmachine.",
  "webpack/runtime",
  "chrome-extension:",
  "moz-extension:",
  "safari-extension:",
  "safari-web-extension:",
  "chrome:",
  "resource:",
];

const NON_APP_SEGMENTS = [
  "node_modules/",
  "/.pnpm/",
  "/npm/registry.npmjs.org/", // Deno's npm cache
  "/remote/https/", // Deno's remote module cache
  "/deps/https/",
  ".next/server/vendor-chunks/",
  "webpack-runtime.js",
];

/** False for third-party and runtime code: node_modules, node:*, Deno internals, CDNs, `<anonymous>`. */
export function isInAppPath(filename: string): boolean {
  if (typeof filename !== "string") return false;
  const lower = filename.trim().toLowerCase().replace(/\\/g, "/");
  if (lower.length === 0) return false;
  if (lower === "native" || lower === "[native code]" || lower === "<unknown>") return false;
  if (lower.startsWith("<") || /^index \d{1,9}$/.test(lower)) return false;
  if (lower.includes("<anonymous>")) return false;
  for (const prefix of NON_APP_PREFIXES) if (lower.startsWith(prefix)) return false;
  for (const segment of NON_APP_SEGMENTS) if (lower.includes(segment)) return false;
  // Node's core files before the node: scheme: `at emitTwo (events.js:106:13)`.
  if (/^(?:events|timers|net|fs|module|domain|util|stream|_stream_[a-z]{1,20})\.js$/.test(lower)) return false;
  const host = /^[a-z][a-z0-9+.-]{0,20}:\/\/([^/?#]{1,255})/.exec(lower)?.[1];
  if (host !== undefined) {
    const bare = host.replace(/^[^@]{0,255}@/, "").replace(/:\d{1,5}$/, "");
    if (THIRD_PARTY_HOSTS.some((h) => bare === h || bare.endsWith(`.${h}`))) return false;
  }
  return true;
}
