import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { createClient, FunctionsHttpError, type SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
import { parseRuntimeEnv } from "../../src/config/runtime-env.ts";
import { randomKey } from "../../src/core/hash.ts";
import { CYCLE_NAMES, type CycleName } from "../../src/cycles/cycle.ts";
import { migrate } from "../../src/store/migrate.ts";
import { createPostgresSql } from "../../src/store/postgres/postgres-driver.ts";
import { UsageError } from "./usage-error.ts";

// `suture dev`: Supabase's shape on one machine. Every supabase/functions/<name> runs under real
// Deno (one child process each, `--config deno.json` so npm packages resolve from node_modules)
// behind one HTTP server at Supabase's URL layout, http://127.0.0.1:<port>/functions/v1/<name>.
// The database's scheduler reaches it the way it reaches a hosted project, minus pg_net:
//   pg_cron → healing.invoke_cycle(name) → NOTIFY suture_cycles → here → supabase-js
//   functions.invoke("heal") → Deno function → PostgreSQL.

export const CYCLES_CHANNEL = "suture_cycles";
const REPO_ROOT = resolve(import.meta.dirname, "..", "..");
// The binary itself, not node_modules/.bin/deno: that is a Node shim that does not pass SIGTERM on,
// so stopping it would orphan the function.
const DENO_EXE = join(REPO_ROOT, "node_modules", "deno", process.platform === "win32" ? "deno.exe" : "deno");
const DENO_BIN = existsSync(DENO_EXE) ? DENO_EXE : join(REPO_ROOT, "node_modules", ".bin", "deno");
/** Deno compiles the function graph on first start; a cold cache takes a while. */
const FUNCTION_START_TIMEOUT_MS = 90_000;
/** Longer than the heal function's own 25 s budget, so a report always comes back. */
const INVOKE_TIMEOUT_MS = 60_000;
/** supabase-js needs a key; the local functions do not check it (they check their own secrets). */
const DEV_ANON_KEY = "suture-dev-anon-key";

export interface DevOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  /** The secret heal expects; a random one for this session when null. */
  cronSecret: string | null;
  /** Merge fixes that policy allows (local git forge). */
  merge: boolean;
  functionsDir?: string;
  /** Where status lines go (one per invocation). */
  print?: (line: string) => void;
  /** Where the functions' own output goes, prefixed with their name. */
  printFunctionOutput?: (line: string) => void;
}

export interface DevServer {
  url: string;
  functionsUrl: string;
  functions: string[];
  cronSecret: string;
  close(): Promise<void>;
}

interface RunningFunction {
  name: string;
  port: number;
  child: ChildProcess;
}

/** Starts the functions, the proxy and the listener; resolves once all three are ready. */
export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const print = options.print ?? ((line: string) => console.log(line));
  const printFunctionOutput = options.printFunctionOutput ?? ((line: string) => console.error(line));
  const host = options.host ?? "127.0.0.1";
  const functionsDir = options.functionsDir ?? join(REPO_ROOT, "supabase", "functions");
  const cronSecret = options.cronSecret ?? `${randomKey()}${randomKey()}`;

  const sql = createPostgresSql({ url: options.databaseUrl, max: 1, applicationName: "suture-dev-migrate" });
  try {
    await migrate(sql);
  } finally {
    await sql.close();
  }

  const names = listFunctions(functionsDir);
  if (names.length === 0) throw new UsageError(`no functions in ${functionsDir} (expected <name>/index.ts)`);
  const running: RunningFunction[] = [];
  let proxy: Server | null = null;
  let listener: postgres.Sql | null = null;
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    await listener?.end({ timeout: 5 }).catch(() => {});
    await Promise.allSettled([...inFlight]);
    if (proxy) {
      const server = proxy;
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
    await Promise.all(running.map(stopFunction));
  }

  try {
    const env = {
      SUPABASE_DB_URL: options.databaseUrl,
      DATABASE_URL: options.databaseUrl,
      SUTURE_CRON_SECRET: cronSecret,
      // Processes may run here, so projects in local directories heal through git.
      SUTURE_LOCAL_FORGE: "true",
      SUTURE_ALLOW_MERGE: options.merge ? "true" : "false",
    };
    // A function that cannot start (a secret it needs is unset, say) is reported and answered
    // with 503; the others still serve.
    const started = await Promise.allSettled(names.map((name) => startFunction(name, functionsDir, env, printFunctionOutput, () => closing)));
    const failed = new Map<string, string>();
    started.forEach((result, index) => {
      if (result.status === "fulfilled") running.push(result.value);
      else failed.set(names[index]!, firstErrorLine((result.reason as Error).message));
    });
    for (const [name, reason] of failed) print(`suture dev: the ${name} function did not start: ${reason}`);
    proxy = await startProxy(host, options.port, running, failed);
    const { port } = proxy.address() as AddressInfo;
    const url = `http://${host}:${port}`;
    const supabase = createClient(url, DEV_ANON_KEY, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: (globalThis.WebSocket ?? NoRealtimeTransport) as unknown as RealtimeTransport },
    });

    // LISTEN holds a session, which is fine here: a direct local connection. Deployed, the
    // transaction pooler would drop it, which is why Supabase uses pg_net instead.
    listener = postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: "suture-dev-listen" } });
    await listener.listen(CYCLES_CHANNEL, (payload) => {
      if (closing) return;
      const invocation = invokeCycle(supabase, payload, cronSecret, print).finally(() => inFlight.delete(invocation));
      inFlight.add(invocation);
    });
    const serving = running.map((fn) => fn.name);
    print(`suture dev: functions at ${url}/functions/v1/{${serving.join(",")}}; listening on ${CYCLES_CHANNEL}`);
    return { url, functionsUrl: `${url}/functions/v1`, functions: serving, cronSecret, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `suture dev` from the CLI: start, print, run until SIGINT or SIGTERM, stop cleanly. */
export async function runDevCommand(options: { port: number; merge: boolean }): Promise<void> {
  const env = parseRuntimeEnv(process.env);
  if (!env.databaseUrl) {
    throw new UsageError("dev needs DATABASE_URL: a PostgreSQL to LISTEN on (embedded PGlite cannot be shared with the Deno functions)");
  }
  const server = await startDevServer({ databaseUrl: env.databaseUrl, port: options.port, cronSecret: env.cronSecret, merge: options.merge });
  if (!env.cronSecret) console.log(`suture dev: SUTURE_CRON_SECRET is not set; this session's secret is ${server.cronSecret}`);
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once("SIGINT", () => done("SIGINT"));
    process.once("SIGTERM", () => done("SIGTERM"));
  });
  console.log(`suture dev: ${signal}, stopping`);
  await server.close();
  console.log("suture dev: stopped");
}

// supabase-js builds its Realtime client eagerly, and Node 20 has no WebSocket; dev never opens
// a channel, so a transport that refuses to connect is all it needs there.
type RealtimeTransport = NonNullable<NonNullable<Parameters<typeof createClient>[2]>["realtime"]>["transport"];
class NoRealtimeTransport {
  constructor() {
    throw new Error("suture dev does not use Supabase Realtime");
  }
}

/** The one part of a Supabase client this uses, so any client's generics fit. */
interface FunctionsInvoker {
  functions: Pick<SupabaseClient["functions"], "invoke">;
}

async function invokeCycle(
  supabase: FunctionsInvoker,
  payload: string,
  cronSecret: string,
  print: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const cycle = payload.trim();
  if (!(CYCLE_NAMES as readonly string[]).includes(cycle)) {
    print(`${stamp()} ignored ${CYCLES_CHANNEL} notification ${JSON.stringify(cycle.slice(0, 80))}: not a cycle (${CYCLE_NAMES.join(", ")})`);
    return;
  }
  const { data, error } = await supabase.functions.invoke("heal", {
    body: { cycle: cycle as CycleName },
    headers: { "x-suture-cron-secret": cronSecret },
    timeout: INVOKE_TIMEOUT_MS,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (error) {
    print(`${stamp()} heal ${cycle}: ${await describeInvokeError(error)} (${seconds} s)`);
    return;
  }
  const report = data as { outcome?: string; runId?: number; processed?: number; opened?: number; failed?: number };
  print(
    `${stamp()} heal ${cycle}: ${report.outcome} run=${report.runId} processed=${report.processed} opened=${report.opened} failed=${report.failed} (${seconds} s)`,
  );
}

async function describeInvokeError(error: unknown): Promise<string> {
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    const body = await response.json().catch(() => null) as { error?: string } | null;
    return `HTTP ${response.status} ${body?.error ?? ""}`.trim();
  }
  return error instanceof Error ? error.message : String(error);
}

function listFunctions(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("_") && existsSync(join(dir, entry.name, "index.ts")))
    .map((entry) => entry.name)
    .sort();
}

async function startFunction(
  name: string,
  functionsDir: string,
  env: Record<string, string>,
  printOutput: (line: string) => void,
  isClosing: () => boolean,
): Promise<RunningFunction> {
  const port = await freePort();
  // Locally a fix is built with git and validated with the project's tests: run, write.
  const child = spawn(
    DENO_BIN,
    ["run", "--config", "deno.json", "--allow-net", "--allow-env", "--allow-read", "--allow-write", "--allow-run", "--allow-sys", join(functionsDir, name, "index.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, PORT: String(port), NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so stopping it also stops anything it started (git, tests).
      detached: true,
    },
  );
  let ready = false;
  let startupOutput = "";
  const onLine = (line: string) => {
    if (!ready) startupOutput += `${line}\n`;
    if (/Listening on/.test(line)) ready = true;
    else if (line.trim() !== "") printOutput(`[${name}] ${line}`);
  };
  lines(child.stdout!, onLine);
  lines(child.stderr!, onLine);
  child.once("exit", (code, signal) => {
    if (ready && !isClosing()) printOutput(`[${name}] exited (${signal ?? code}); restart suture dev`);
  });
  const deadline = Date.now() + FUNCTION_START_TIMEOUT_MS;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`the ${name} function did not start (deno exited with ${child.exitCode}):\n${startupOutput}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the ${name} function did not start within ${FUNCTION_START_TIMEOUT_MS / 1000} s:\n${startupOutput}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  return { name, port, child };
}

async function stopFunction(fn: RunningFunction): Promise<void> {
  if (fn.child.exitCode !== null || fn.child.signalCode !== null) return;
  const exited = new Promise((done) => fn.child.once("exit", done));
  signalGroup(fn.child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(fn.child, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/** Forwards /functions/v1/<name>/… to that function's Deno process, path and query unchanged. */
async function startProxy(host: string, port: number, functions: RunningFunction[], failed: Map<string, string>): Promise<Server> {
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  // No pooled sockets to the functions: nothing is left open when dev stops.
  const agent = new Agent({ keepAlive: false });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const name = /^\/functions\/v1\/([^/?#]+)/.exec(req.url ?? "")?.[1];
    const target = name ? byName.get(name) : undefined;
    const failure = name ? failed.get(name) : undefined;
    if (failure !== undefined) {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `the ${name} function did not start: ${failure}` }));
      return;
    }
    if (!target) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `no function at ${req.url}; serving ${[...byName.keys()].map((n) => `/functions/v1/${n}`).join(", ")}` }));
      return;
    }
    const upstream = httpRequest(
      { host: "127.0.0.1", port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `the ${target.name} function is not answering: ${error.message}` }));
    });
    req.pipe(upstream);
  });
  server.once("close", () => agent.destroy());
  await new Promise<void>((done, fail) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      fail(error.code === "EADDRINUSE" ? new UsageError(`port ${port} is in use; pick another with --port`) : error));
    server.listen(port, host, () => done());
  });
  return server;
}

/** Deno's first "error:" line says why a function died; the rest is its stack. */
function firstErrorLine(output: string): string {
  const line = output.split("\n").find((candidate) => /error/i.test(candidate)) ?? output.split("\n")[0] ?? "";
  return line.replace(/^\[[^\]]+\]\s*/, "").trim().slice(0, 500);
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on("end", () => {
    if (buffered) onLine(buffered);
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

function stamp(): string {
  return new Date().toISOString().slice(11, 19);
}
