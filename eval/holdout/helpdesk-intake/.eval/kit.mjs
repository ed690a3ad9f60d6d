// Recording helpers shared by this app's recorder: seeded randomness, production paths, event
// lines in Suture's generic format, and local stand-ins for upstream services.
//
// Nothing here decides what fails: the recorder runs the real code and keeps what it threw.

import { createServer } from "node:http";
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

// ---------------------------------------------------------------- randomness, seeded

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

export function randomTools(rng) {
  const tools = {
    rng,
    int(min, max) {
      return min + Math.floor(rng() * (max - min + 1));
    },
    pick(items) {
      return items[Math.floor(rng() * items.length)];
    },
    /** Early items come up much more often, as a few users and ids dominate real traffic. */
    skewed(items) {
      return items[Math.floor(items.length * rng() ** 1.6)];
    },
    chance(p) {
      return rng() < p;
    },
    hex(length) {
      let out = "";
      while (out.length < length) out += Math.floor(rng() * 16).toString(16);
      return out;
    },
    uuid() {
      const h = tools.hex(32);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    /** Log-normal around a median: latency has a long right tail. */
    latency(medianMs) {
      const normal = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      return Math.max(1, Math.round(medianMs * Math.exp(0.45 * normal) * 10) / 10);
    },
    /** A time inside [start, start + spanMs). */
    timeIn(start, spanMs) {
      return start + Math.floor(rng() * spanMs);
    },
  };
  return tools;
}

// ---------------------------------------------------------------- production paths

/**
 * The real node_modules directories the app's dependencies load from (links followed), found by
 * resolving each dependency its package.json lists.
 */
export function dependencyRoots(appRoot) {
  const manifest = JSON.parse(readFileSync(join(appRoot, "package.json"), "utf8"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
  const require = createRequire(join(appRoot, "package.json"));
  const roots = new Set();
  for (const name of names) {
    let resolved;
    try {
      resolved = realpathSync(require.resolve(name));
    } catch {
      continue;
    }
    const marker = `/node_modules/${name}/`;
    const at = resolved.lastIndexOf(marker);
    if (at >= 0) roots.add(resolved.slice(0, at + "/node_modules".length));
  }
  return [...roots];
}

/**
 * Rewrites local checkout paths (plain and file:// forms) to where the code runs in production.
 * `roots` maps a local directory to its deploy directory; longer local paths are replaced first.
 */
export function deployPaths(text, roots) {
  const ordered = [...roots].filter((root) => root.local).sort((a, b) => b.local.length - a.local.length);
  let result = text;
  for (const { local, deploy } of ordered) {
    const withSlash = local.endsWith("/") ? local : `${local}/`;
    result = result.split(pathToFileURL(withSlash).href).join(deploy).split(withSlash).join(deploy);
  }
  return result;
}

export function productionRoots(appRoot, deployRoot, extra = []) {
  const real = realpathSync(appRoot);
  const roots = [{ local: real, deploy: deployRoot }];
  if (real !== appRoot) roots.push({ local: appRoot, deploy: deployRoot });
  for (const modules of dependencyRoots(real)) roots.push({ local: modules, deploy: `${deployRoot}node_modules/` });
  return [...roots, ...extra];
}

// ---------------------------------------------------------------- checking what happened

/**
 * Fails loudly when a planned request did not go as planned: a healthy one threw or answered with
 * an unexpected status, a failing one threw something else (or nothing).
 */
export function checkOutcome(plan, outcome, expectations) {
  const where = plan.request ? `${plan.request.method} ${plan.request.path}` : plan.label ?? plan.kind;
  if (plan.kind === "healthy") {
    if (outcome.error) throw new Error(`healthy ${where} threw: ${outcome.error.stack ?? outcome.error}`);
    if (plan.expectStatus !== undefined && outcome.status !== plan.expectStatus) {
      throw new Error(`healthy ${where} answered ${outcome.status}, planned ${plan.expectStatus}`);
    }
    return;
  }
  const expected = expectations[plan.kind];
  if (!expected) throw new Error(`no expectation for ${plan.kind}`);
  const error = outcome.error;
  if (!error || error.name !== expected.type || !expected.message.test(error.message)) {
    throw new Error(`${plan.kind} at ${where} did not fail as planned: ${error?.stack ?? `no error, status ${outcome.status}`}`);
  }
  if (expected.status !== undefined && outcome.status !== expected.status) {
    throw new Error(`${plan.kind} at ${where} answered ${outcome.status}, planned ${expected.status}`);
  }
  if (expected.causeCode && error.cause?.code !== expected.causeCode) {
    throw new Error(`${plan.kind} at ${where} failed with cause ${error.cause?.code}, planned ${expected.causeCode}`);
  }
  if (expected.level && outcome.level !== expected.level) {
    throw new Error(`${plan.kind} at ${where} was reported at ${outcome.level}, planned ${expected.level}`);
  }
}

// ---------------------------------------------------------------- events

/**
 * One generic event. `request` carries what a reporter captures for a JSON API (method, url,
 * status, duration, headers, body as received); jobs and consumers pass no request.
 */
export function toEvent({ id, at, release, error, level, roots, request, user, tags, rewrite = (s) => s }) {
  const event = {
    event_id: id,
    timestamp: new Date(at).toISOString(),
    level: error ? level ?? "error" : level ?? "info",
    environment: "production",
    release,
  };
  if (error) {
    event.exception = {
      type: error.name,
      value: rewrite(deployPaths(error.message, roots)),
      stacktrace: withoutRecorderFrames(rewrite(deployPaths(error.stack ?? `${error.name}: ${error.message}`, roots))),
    };
  }
  if (request) {
    event.request = {
      method: request.method,
      url: request.url,
      status: request.status,
      duration_ms: request.durationMs,
    };
    // Request data travels with error reports only, as an error reporter sends it.
    if (error && request.headers) event.request.headers = request.headers;
    if (error && request.body !== undefined) event.request.body = request.body;
  }
  if (user) event.user = { id: user };
  if (tags && Object.keys(tags).length > 0) event.tags = tags;
  return event;
}

/** Frames of this recorder stand where the platform's own frames are in production. */
export function withoutRecorderFrames(stack) {
  return stack
    .split("\n")
    .filter((line) => !(/^\s+at /.test(line) && line.includes("/.eval/")))
    .join("\n");
}

/** The body as a reporter captures it: parsed JSON when it was JSON, the raw text otherwise. */
export function capturedBody(raw) {
  if (raw === undefined || raw === null || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export async function writeEvents(file, events) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, events.map((event) => JSON.stringify(event)).join("\n") + "\n");
}

export function summarize(plans, events) {
  const counts = new Map();
  for (const plan of plans) counts.set(plan.kind, (counts.get(plan.kind) ?? 0) + 1);
  const lines = [...counts.entries()].map(([kind, count]) => `  ${String(count).padStart(3)}  ${kind}`);
  return `${events.length} events\n${lines.join("\n")}`;
}

// ---------------------------------------------------------------- local upstreams

/**
 * A local HTTP stand-in for an upstream service that can be taken down and brought back on the
 * same port, as a service restarting during its own deploy is.
 */
export async function startStub(handler) {
  let server = createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
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
        await new Promise((resolve) => server.close(resolve));
        return;
      }
      server = createServer(handler);
      await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
    async stop() {
      if (up) await this.setUp(false);
    },
  };
}

/** Writes a small package into `<root>/node_modules/<name>` (a dependency as shipped). */
export async function writePackage(root, name, version, files, type = "commonjs") {
  const dir = join(root, "node_modules", name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const main = Object.keys(files).find((file) => file.endsWith(".js")) ?? "index.js";
  await writeFile(join(dir, "package.json"), JSON.stringify({ name, version, type, main }, null, 2));
  return dir;
}

/** Reads a whole response so the connection is free for the next planned request. */
export async function drain(response) {
  const text = await response.text();
  return text;
}

// ---------------------------------------------------------------- TypeScript apps

/**
 * TypeScript apps run through tsx in production (`node --import tsx`), so stacks carry .ts
 * lines. Without the loader, re-run this recorder under it and exit with its status.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export function ensureTsx(recorderUrl, appRoot) {
  const loaded = process.execArgv.some((arg) => arg.includes("tsx")) || process.env.RECORDER_UNDER_TSX === "1";
  if (loaded) return;
  const result = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(recorderUrl), ...process.argv.slice(2)], {
    cwd: appRoot,
    stdio: "inherit",
    env: { ...process.env, RECORDER_UNDER_TSX: "1" },
  });
  process.exit(result.status ?? 1);
}
