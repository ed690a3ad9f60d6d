import { describe, expect, it } from "vitest";
import { T0, testApp } from "./support.js";

describe("uploads from firmware that sends one reading, not a list", () => {
  it("stores the single reading", async () => {
    const { app, captured } = testApp();
    const res = await app.inject({ method: "POST", url: "/v1/devices/thx-0107/readings", payload: { readings: { ts: T0, t: -21.4, rh: 48, bat: 83 } } });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, rejected: 0, excursions: 0 });
    expect(captured).toEqual([]);

    const stored = await app.inject({ method: "GET", url: "/v1/devices/thx-0107/readings" });
    expect(stored.json().readings).toEqual([
      { deviceId: "thx-0107", at: new Date(T0 * 1000).toISOString(), temperature: -21.4, humidity: 48, battery: 83 },
    ]);
  });

  it("still checks a single reading for plausibility and range", async () => {
    const { app, alerts } = testApp();
    const glitch = await app.inject({ method: "POST", url: "/v1/devices/thx-0108/readings", payload: { readings: { ts: T0, t: 912, rh: 48 } } });
    expect(glitch.json()).toEqual({ accepted: 0, rejected: 1, excursions: 0 });
    const warm = await app.inject({ method: "POST", url: "/v1/devices/thx-0108/readings", payload: { readings: { ts: T0 + 60, t: -12, rh: 48 } } });
    expect(warm.json()).toEqual({ accepted: 1, rejected: 0, excursions: 1 });
    expect(alerts).toEqual([{ deviceId: "thx-0108", code: "TEMP_EXCURSION" }]);
  });

  it("keeps accepting lists", async () => {
    const { app } = testApp();
    const res = await app.inject({ method: "POST", url: "/v1/devices/thx-0107/readings", payload: { readings: [{ ts: T0, t: -20, rh: 40 }, { ts: T0 + 60, t: -20.5, rh: 41 }] } });
    expect(res.json()).toEqual({ accepted: 2, rejected: 0, excursions: 0 });
  });
});
