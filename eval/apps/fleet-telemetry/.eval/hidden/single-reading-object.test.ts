import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "./support.ts";

// fleetbox 3.1 uploads a lone reading as an object instead of a one-item list.
describe("an upload of a single reading object", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(() => app.close());

  it("is accepted and stored like a one-item list", async () => {
    const reading = { ts: "2026-11-09T06:04:10Z", lat: 52.49, lon: 13.36, speed: 27, fuel: 58 };
    const { status, body } = await app.request("POST", "/trucks/TRK-0533/readings", { readings: reading });
    expect(status).toBe(202);
    expect(body).toEqual({ accepted: 1, rejected: 0 });
    const stored = await app.request("GET", "/trucks/TRK-0533/readings");
    expect(stored.body.readings).toEqual([
      { truckId: "TRK-0533", recordedAt: Date.parse("2026-11-09T06:04:10Z"), lat: 52.49, lon: 13.36, speedKmh: 27, fuelPct: 58 },
    ]);
    expect(app.fleet.get("TRK-0533")?.lastSeenAt).toBe(Date.parse("2026-11-09T06:04:10Z"));
  });

  it("still accepts lists", async () => {
    const { body } = await app.request("POST", "/trucks/TRK-0533/readings", {
      readings: [{ ts: "2026-11-09T06:04:10Z", lat: 52.49, lon: 13.36, speed: 27, fuel: 58 }],
    });
    expect(body).toEqual({ accepted: 1, rejected: 0 });
  });
});
