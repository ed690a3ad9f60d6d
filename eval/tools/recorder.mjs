// What every app's .eval/record.mjs needs and should not write again: a seeded PRNG, a traffic
// plan on a fixed clock, the check that each planned request fails (or succeeds) as planned, the
// Suture generic event built from a real Error plus what a reporter saw of the request, local
// checkout paths rewritten to the deploy root, and an upstream stub that can be switched off.
//
// A recorder imports it as `../../../tools/recorder.mjs` (apps live in eval/<set>/<app>/);
// check-app keeps that layout in its scratch copy.
//
//   const rec = createRecording({ appRoot, deployRoot: "/srv/app/", release: "v1.2.0",
//     origin: "https://api.example.com", start: "2026-11-12T09:00:00Z", seed: 0x1234 });
//   rec.expect("unknown-plan", { type: "TypeError", message: /reading 'price'/, status: 500 });
//   rec.add({ kind: "ok", request: { method: "GET", path: "/plans" }, ms: 12 });
//   await rec.run(async (item) => ({ status, error }));   // performs one planned item
//   await rec.write();                                    // .eval/events.jsonl

import { createServer } from "node:http";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TOOLS_DIR = dirname(fileURLToPath(import.meta.url));
/** Headers an error reporter scrubs before sending (credentials of any spelling). */
const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie)$|api[-_]?key|token|secret|password|-key$/i;

// ---------------------------------------------------------------- randomness, seeded

/** mulberry32: small, fast, and the same sequence on every platform. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed) {
  const next = mulberry32(seed);
  const random = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Zipf-like: early items come up much more often, as regular users do. */
    skewed: (items) => items[Math.floor(items.length * next() ** 1.6)],
    chance: (p) => next() < p,
    hex: (length) => {
      let out = "";
      while (out.length < length) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    uuid: () => {
      const h = random.hex(32).split("");
      h[12] = "4";
      h[16] = "89ab"[parseInt(h[16], 16) % 4];
      const s = h.join("");
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    /** Log-normal around a median, in whole milliseconds: latency has a long right tail. */
    latency: (medianMs) => {
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.max(1, Math.round(medianMs * Math.exp(0.45 * normal)));
    },
  };
  return random;
}

// ---------------------------------------------------------------- paths

/**
 * The node_modules folder Node resolves packages from for `dir`, as its real path. A folder
 * holding only caches (vitest leaves node_modules/.vite/ behind) does not count.
 */
export function resolvedNodeModules(dir) {
  let current = resolve(dir);
  while (true) {
    const candidate = join(current, "node_modules");
    if (existsSync(candidate) && readdirSync(candidate).some((entry) => !entry.startsWith("."))) return realpathSync(candidate);
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function withSlash(path) {
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * Rewrites local paths (plain and file: URLs) to deploy paths and drops every line that points
 * into `dropRoots` (the recorder itself, these tools): those frames never exist in production.
 * Frames below the first dropped frame are the recorder's callers (its top-level await, Node's
 * module loader) and are dropped with it.
 */
export function rewriteText(text, { roots, dropRoots }) {
  const lines = String(text).split("\n");
  const kept = [];
  let belowRecorder = false;
  for (const line of lines) {
    const isFrame = /^\s+at /.test(line);
    if (belowRecorder && isFrame) continue;
    if (dropRoots.some((root) => line.includes(root) || line.includes(pathToFileURL(root).href))) {
      if (isFrame) belowRecorder = true;
      continue;
    }
    kept.push(line);
  }
  let out = kept.join("\n");
  for (const [local, deploy] of roots) {
    out = out.split(pathToFileURL(local).href).join(`file://${deploy}`).split(local).join(deploy);
  }
  return out;
}

// ---------------------------------------------------------------- the recording

/**
 * options:
 *   appRoot       the app folder (where package.json is)
 *   deployRoot    where production runs it, e.g. "/var/task/" (ends with "/")
 *   release, origin ("https://api.example.com"), start (ISO time in November 2026), seed
 *   windowMinutes planned times fall in [start, start + windowMinutes); default 29
 *   requestData   which events carry request.headers and request.body: "errors" (default,
 *                 what an error reporter sends), "all" or "none"
 *   eventIds      "uuid" (default) or "hex"
 *   tags          tags on every event
 *   recordedHeaders(item) extra headers the reporter saw (proxy headers, trace ids)
 */
export function createRecording(options) {
  const appRoot = withSlash(resolve(options.appRoot));
  const deployRoot = withSlash(options.deployRoot);
  const start = Date.parse(options.start);
  if (Number.isNaN(start)) throw new Error(`createRecording: start ${options.start} is not a time`);
  const windowMs = (options.windowMinutes ?? 29) * 60_000;
  const rand = createRandom(options.seed);
  const requestData = options.requestData ?? "errors";
  const expectations = new Map([["ok", { ok: true }]]);
  const items = [];
  const events = [];
  const cleanups = [];

  const roots = new Map();
  const addRoot = (local, deploy) => {
    roots.set(withSlash(local), withSlash(deploy));
    if (existsSync(local)) roots.set(withSlash(realpathSync(local)), withSlash(deploy));
  };
  addRoot(appRoot, deployRoot);
  const nodeModules = resolvedNodeModules(appRoot);
  if (nodeModules) addRoot(nodeModules, `${deployRoot}node_modules/`);
  const dropRoots = [withSlash(join(appRoot, ".eval")), withSlash(TOOLS_DIR), withSlash(realpathSync(TOOLS_DIR))];
  if (existsSync(join(appRoot, ".eval"))) dropRoots.push(withSlash(realpathSync(join(appRoot, ".eval"))));

  function sortedRoots() {
    return [...roots.entries()].sort((a, b) => b[0].length - a[0].length);
  }

  function clean(text) {
    return rewriteText(text, { roots: sortedRoots(), dropRoots });
  }

  /** A time `fromMinute`–`toMinute` minutes after start (fractions allowed). */
  function at(fromMinute = 0, toMinute = windowMs / 60_000) {
    const from = start + fromMinute * 60_000;
    const to = Math.min(start + toMinute * 60_000, start + windowMs);
    return from + Math.floor(rand.next() * (to - from));
  }

  function expect(kind, spec) {
    expectations.set(kind, spec);
  }

  /**
   * Plans one item: { kind, request?: { method, path, headers?, json? | body? }, at?, ms?,
   * durationMs?, status?, user?, tags?, level?, ...anything the send function needs }.
   */
  function add(item) {
    if (!expectations.has(item.kind)) throw new Error(`plan: no expectation for kind "${item.kind}"; call expect() first`);
    const planned = {
      ...item,
      at: item.at ?? at(),
      eventId: options.eventIds === "hex" ? rand.hex(32) : rand.uuid(),
      durationMs: item.durationMs ?? rand.latency(item.ms ?? 15),
      order: items.length,
    };
    items.push(planned);
    return planned;
  }

  function verify(item, outcome) {
    const spec = expectations.get(item.kind);
    const where = item.request ? `${item.request.method} ${item.request.path}` : item.label ?? item.kind;
    const error = outcome.error ?? null;
    if (spec.ok) {
      if (error) throw new Error(`planned "${item.kind}" ${where} to succeed, it threw:\n${error.stack ?? error}`);
      if (item.request) {
        const wanted = item.status ?? null;
        if (wanted !== null && outcome.status !== wanted) throw new Error(`planned ${where} to answer ${wanted}, it answered ${outcome.status}`);
        if (wanted === null && !(outcome.status < 500)) throw new Error(`planned ${where} to succeed, it answered ${outcome.status}`);
      }
      return;
    }
    if (!(error instanceof Error)) {
      throw new Error(`planned "${item.kind}" ${where} to fail with ${spec.type}, it did not (status ${outcome.status}, error ${String(error)})`);
    }
    const message = spec.message instanceof RegExp ? spec.message : new RegExp(escapeRegExp(spec.message));
    if (error.name !== spec.type || !message.test(error.message)) {
      throw new Error(`planned "${item.kind}" ${where} to fail with ${spec.type} ${message}, got:\n${error.stack}`);
    }
    if (spec.causeCode && error.cause?.code !== spec.causeCode) {
      throw new Error(`planned "${item.kind}" ${where} to fail with cause ${spec.causeCode}, got ${error.cause?.code}`);
    }
    const wanted = item.status ?? spec.status;
    if (item.request && wanted !== undefined && outcome.status !== wanted) {
      throw new Error(`planned "${item.kind}" ${where} to answer ${wanted}, it answered ${outcome.status}:\n${error.stack}`);
    }
  }

  function recordedBody(request) {
    if (request.json !== undefined) return request.json;
    if (request.body === undefined) return undefined;
    try {
      return JSON.parse(request.body);
    } catch {
      return request.body;
    }
  }

  function recordedHeaders(item) {
    const request = item.request;
    const headers = { host: new URL(options.origin).host };
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (!SECRET_HEADER.test(name)) headers[name.toLowerCase()] = String(value);
    }
    const body = requestBodyText(request);
    if (body !== undefined) {
      headers["content-type"] ??= request.json !== undefined ? "application/json" : "text/plain";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    return { ...headers, ...(options.recordedHeaders?.(item) ?? {}) };
  }

  function toEvent(item, outcome) {
    const spec = expectations.get(item.kind);
    const error = outcome.error ?? null;
    const event = {
      event_id: item.eventId,
      timestamp: new Date(item.at).toISOString(),
      level: item.level ?? spec.level ?? (error ? "error" : "info"),
      environment: "production",
      release: options.release,
    };
    if (error) {
      event.exception = { type: error.name, value: clean(error.message), stacktrace: clean(error.stack ?? `${error.name}: ${error.message}`) };
    }
    if (item.request) {
      const request = { method: item.request.method, url: `${options.origin}${item.request.path}`, status: outcome.status, duration_ms: item.durationMs };
      const withData = requestData === "all" || (requestData === "errors" && error);
      if (withData) {
        request.headers = recordedHeaders(item);
        const body = recordedBody(item.request);
        if (body !== undefined) request.body = body;
      }
      event.request = request;
    }
    if (item.user) event.user = { id: String(item.user) };
    const tags = { ...(options.tags ?? {}), ...(item.tags ?? {}) };
    if (error?.cause?.code) tags.cause_code = String(error.cause.code);
    if (Object.keys(tags).length > 0) event.tags = tags;
    return event;
  }

  /** Performs every planned item in time order with `send(item)` → `{ status, error }`. */
  async function run(send) {
    const ordered = [...items].sort((a, b) => a.at - b.at || a.order - b.order);
    try {
      for (const item of ordered) {
        const outcome = (await send(item)) ?? {};
        verify(item, outcome);
        events.push({ kind: item.kind, event: toEvent(item, outcome) });
      }
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  }

  /** Writes the events (one JSON object a line) and prints how many of each kind. */
  async function write(file = join(appRoot, ".eval", "events.jsonl")) {
    await writeFile(file, events.map((entry) => JSON.stringify(entry.event)).join("\n") + "\n");
    const counts = new Map();
    for (const { kind } of events) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    console.log(`${file}: ${events.length} events`);
    for (const [kind, count] of counts) console.log(`  ${String(count).padStart(4)}  ${kind}`);
  }

  /**
   * Writes a small package into a temporary node_modules and returns its folder; its frames are
   * rewritten to <deployRoot>node_modules/<name>/. `files` maps paths in the package to text.
   */
  async function vendorPackage(name, files) {
    const base = await mkdtemp(join(tmpdir(), "recorder-vendor-"));
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    const dir = join(base, "node_modules", name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    addRoot(join(base, "node_modules"), `${deployRoot}node_modules/`);
    return dir;
  }

  /** Sends a planned item's request to a running server; `{ status, text }`. */
  async function httpSend(baseUrl, item) {
    const { method, path, headers = {} } = item.request;
    const body = requestBodyText(item.request);
    const sent = { ...headers };
    if (body !== undefined && !Object.keys(sent).some((name) => name.toLowerCase() === "content-type")) {
      sent["content-type"] = item.request.json !== undefined ? "application/json" : "text/plain";
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers: sent, body });
    return { status: response.status, text: await response.text() };
  }

  return { rand, at, expect, add, run, write, clean, addRoot, vendorPackage, httpSend, onCleanup: (fn) => cleanups.push(fn), items, events };
}

function requestBodyText(request) {
  if (request.json !== undefined) return JSON.stringify(request.json);
  return request.body;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------- an upstream that can go away

/**
 * A local HTTP server standing in for an upstream service. `setUp(false)` closes it (callers then
 * see ECONNREFUSED), `setUp(true)` listens again on the same port.
 */
export async function startStub(handler) {
  // No keep-alive: a pooled socket to a stub that was switched off would fail with
  // UND_ERR_SOCKET ("other side closed") instead of the ECONNREFUSED a real outage gives.
  const server = createServer((req, res) => {
    res.setHeader("connection", "close");
    handler(req, res);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const port = server.address().port;
  let up = true;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    async setUp(wanted) {
      if (wanted === up) return;
      up = wanted;
      if (!wanted) {
        server.closeAllConnections();
        await new Promise((done) => server.close(() => done()));
        return;
      }
      await new Promise((done) => server.listen(port, "127.0.0.1", done));
    },
    async stop() {
      if (up) await this.setUp(false);
    },
  };
}

/** Listens on a free local port and resolves to the base URL; the server is closed by `close()`. */
export async function listen(server) {
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    async close() {
      server.closeAllConnections?.();
      await new Promise((done) => server.close(() => done()));
    },
  };
}
