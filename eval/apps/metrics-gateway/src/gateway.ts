import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { json, readJson } from "./http.ts";
import type { Projects } from "./projects.ts";
import { createQuota, QuotaExceededError } from "./quota.ts";
import { createRollups, type Point } from "./rollups.ts";

export interface GatewayOptions {
  projects: Projects;
  clock?: () => number;
  capture?: (error: Error, req: IncomingMessage, level: "error" | "warning") => void;
}

type Result = { ok: true; status?: number; body: unknown } | { ok: false; status: number; error: string };

function isPoint(value: unknown): value is Point {
  const p = value as Point;
  return typeof p?.name === "string" && typeof p.value === "number" && Number.isFinite(p.value);
}

export function createGateway({ projects, clock = Date.now, capture = (error) => console.error(error) }: GatewayOptions) {
  const quota = createQuota(clock);
  const rollups = createRollups();

  async function ingest(req: IncomingMessage): Promise<Result> {
    const key = req.headers["x-gauge-key"] as string;
    const [projectId, secret] = key.split(".");
    const project = projects.authenticate(projectId, secret);
    if (!project) return { ok: false, status: 401, error: "unknown or revoked key" };
    const batch = (await readJson(req)) as { points?: unknown[] } | undefined;
    if (!batch || !Array.isArray(batch.points)) return { ok: false, status: 400, error: "body must be {\"points\": [...]}" };
    const points = batch.points.filter(isPoint);
    quota.take(project.id, project.pointsPerMinute, points.length);
    for (const point of points) rollups.add(project.id, point, clock());
    return { ok: true, status: 202, body: { accepted: points.length, dropped: batch.points.length - points.length } };
  }

  function query(req: IncomingMessage, url: URL): Result {
    const key = req.headers["x-gauge-key"];
    if (typeof key !== "string" || !key.includes(".")) return { ok: false, status: 401, error: "x-gauge-key header required" };
    const [projectId, secret] = key.split(".");
    const project = projects.authenticate(projectId, secret);
    if (!project) return { ok: false, status: 401, error: "unknown or revoked key" };
    const name = url.searchParams.get("metric");
    if (!name) return { ok: false, status: 400, error: "metric is required" };
    return { ok: true, body: { metric: name, rollups: rollups.query(project.id, name) } };
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://gateway");
    let result: Result;
    try {
      if (req.method === "POST" && url.pathname === "/v1/points") result = await ingest(req);
      else if (req.method === "GET" && url.pathname === "/v1/rollups") result = query(req, url);
      else if (req.method === "GET" && url.pathname === "/healthz") result = { ok: true, body: { status: "ok" } };
      else result = { ok: false, status: 404, error: "no such endpoint" };
    } catch (error) {
      if (error instanceof QuotaExceededError) {
        capture(error, req, "warning");
        return json(res, 429, { ok: false, error: error.message }, { "retry-after": String(error.retryAfterSeconds) });
      }
      capture(error as Error, req, "error");
      return json(res, 500, { ok: false, error: "internal error" });
    }
    if (result.ok) json(res, result.status ?? 200, { ok: true, ...(result.body as object) });
    else json(res, result.status, { ok: false, error: result.error });
  }

  return { server: createServer((req, res) => void route(req, res)), rollups };
}
