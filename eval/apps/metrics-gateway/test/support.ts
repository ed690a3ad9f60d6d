import type { AddressInfo } from "node:net";
import { createGateway } from "../src/gateway.ts";
import { createProjects } from "../src/projects.ts";

export const PROJECTS = [
  { id: "prj_acme", name: "Acme web", secret: "s3cr3t-acme", pointsPerMinute: 1000 },
  { id: "prj_tiny", name: "Tiny app", secret: "s3cr3t-tiny", pointsPerMinute: 5 },
];

export async function gateway(now = Date.parse("2026-11-23T12:00:30Z")) {
  const captured: Array<{ error: Error; level: string }> = [];
  const { server, rollups } = createGateway({ projects: createProjects(PROJECTS), clock: () => now, capture: (error, _req, level) => captured.push({ error, level }) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    captured,
    rollups,
    async send(method: string, path: string, { key, body }: { key?: string; body?: unknown } = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (key) headers["x-gauge-key"] = key;
      const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, headers: res.headers, body: (await res.json()) as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
