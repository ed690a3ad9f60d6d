import { describe, expect, it } from "vitest";
import { dewPoint } from "../src/lib/psychrometrics.js";
import { T0, testApp } from "./support.js";

describe("device summaries", () => {
  it("formats the latest reading of a humidity sensor", async () => {
    const { app } = testApp();
    await app.inject({ method: "POST", url: "/v1/devices/thx-0350/readings", payload: { readings: [{ ts: T0, t: 19.5, rh: 55, bat: 77 }] } });
    const res = await app.inject({ method: "GET", url: "/v1/devices/thx-0350/summary" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      device: "thx-0350",
      site: "lille-hub",
      at: new Date(T0 * 1000).toISOString(),
      temperature: "19.5 °C",
      humidity: "55 %",
      dewPoint: "10.2 °C",
      battery: "77 %",
      status: "ok",
    });
  });

  it("answers 404 before the first reading", async () => {
    const { app } = testApp();
    const res = await app.inject({ method: "GET", url: "/v1/devices/thx-0042/summary" });
    expect(res.statusCode).toBe(404);
  });

  it("lists devices of a site with when they were last seen", async () => {
    const { app } = testApp();
    await app.inject({ method: "POST", url: "/v1/devices/tmp-0203/readings", payload: { readings: [{ ts: T0, t: 5, rh: 0 }] } });
    const res = await app.inject({ method: "GET", url: "/v1/sites/antwerp-x2/devices" });
    expect(res.json().devices).toEqual([
      { id: "thx-0108", model: "THX-2", lastSeen: null },
      { id: "tmp-0203", model: "TMP-1", lastSeen: new Date(T0 * 1000).toISOString() },
      { id: "tmp-0204", model: "TMP-1", lastSeen: null },
    ]);
  });

  it("computes dew points with the Magnus formula", () => {
    expect(dewPoint(20, 50)).toBeCloseTo(9.26, 1);
  });
});
