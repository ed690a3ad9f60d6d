import type { AddressInfo } from "node:net";
import { buildApp } from "../src/app.ts";
import { createFleet, DEMO_TRUCKS, type Fleet } from "../src/fleet.ts";
import type { Geocoder } from "../src/geocode.ts";

export const NOW = Date.parse("2026-11-09T06:05:00Z");

export async function startApp(options: { fleet?: Fleet; geocoder?: Geocoder } = {}) {
  const fleet = options.fleet ?? createFleet(DEMO_TRUCKS);
  const errors: unknown[] = [];
  const geocoder = options.geocoder ?? { reverse: async () => ({ label: "Hafenstraße 1, Hamburg", city: "Hamburg" }) };
  const app = buildApp({ fleet, geocoder, report: (error) => errors.push(error), clock: () => NOW });
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fleet,
    errors,
    async request(method: string, path: string, body?: unknown) {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
