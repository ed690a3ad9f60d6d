import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "./support.ts";

const batch = [
  { ts: "2026-11-09T06:02:00Z", lat: 52.52, lon: 13.4, speed: 42, fuel: 71 },
  { ts: "2026-11-09T06:02:30Z", lat: 52.521, lon: 13.41, speed: 38, fuel: 71 },
  { ts: "2026-11-09T06:03:00Z", lat: 0, lon: 0, speed: 40, fuel: 71 },
];

describe("readings", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(() => app.close());

  it("accepts a batch and drops implausible positions", async () => {
    const { status, body } = await app.request("POST", "/trucks/TRK-0520/readings", { readings: batch });
    expect(status).toBe(202);
    expect(body).toEqual({ accepted: 2, rejected: 1 });
    expect(app.fleet.get("TRK-0520")?.lastSeenAt).toBe(Date.parse("2026-11-09T06:02:30Z"));
  });

  it("returns the newest readings first in time order", async () => {
    await app.request("POST", "/trucks/TRK-0520/readings", { readings: batch });
    const { body } = await app.request("GET", "/trucks/TRK-0520/readings?limit=1");
    expect(body.readings).toHaveLength(1);
    expect(body.readings[0].speedKmh).toBe(38);
  });

  it("answers 404 for readings of an unknown truck", async () => {
    expect((await app.request("POST", "/trucks/TRK-0000/readings", { readings: batch })).status).toBe(404);
  });
});
