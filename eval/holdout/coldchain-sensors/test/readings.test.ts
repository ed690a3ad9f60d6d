import { describe, expect, it } from "vitest";
import { T0, testApp } from "./support.js";

describe("POST /v1/devices/:id/readings", () => {
  it("stores a batch and reports excursions", async () => {
    const { app, alerts } = testApp();
    const res = await app.inject({
      method: "POST",
      url: "/v1/devices/thx-0041/readings",
      payload: { readings: [{ ts: T0, t: 4.1, rh: 62, bat: 91 }, { ts: T0 + 60, t: 9.3, rh: 60, bat: 91 }] },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, rejected: 0, excursions: 1 });
    expect(alerts).toEqual([{ deviceId: "thx-0041", code: "TEMP_EXCURSION" }]);

    const stored = await app.inject({ method: "GET", url: "/v1/devices/thx-0041/readings" });
    expect(stored.json().readings.map((r: { temperature: number }) => r.temperature)).toEqual([4.1, 9.3]);
  });

  it("drops implausible readings from a glitching probe", async () => {
    const { app } = testApp();
    const res = await app.inject({
      method: "POST",
      url: "/v1/devices/thx-0107/readings",
      payload: { readings: [{ ts: T0, t: -21, rh: 40 }, { ts: T0 + 60, t: 850, rh: 40 }] },
    });
    expect(res.json()).toEqual({ accepted: 1, rejected: 1, excursions: 0 });
  });

  it("forwards alerts whether the sensor sends one code or several", async () => {
    const { app, alerts } = testApp();
    await app.inject({ method: "POST", url: "/v1/devices/thx-0042/readings", payload: { readings: [], alerts: "DOOR_OPEN" } });
    await app.inject({ method: "POST", url: "/v1/devices/thx-0042/readings", payload: { readings: [], alerts: ["PROBE_LOST", "LOW_BATTERY"] } });
    expect(alerts.map((alert) => alert.code)).toEqual(["DOOR_OPEN", "PROBE_LOST", "LOW_BATTERY"]);
  });

  it("answers 400 without readings and 404 for an unknown device", async () => {
    const { app } = testApp();
    expect((await app.inject({ method: "POST", url: "/v1/devices/thx-0041/readings", payload: {} })).statusCode).toBe(400);
    const unknown = await app.inject({ method: "POST", url: "/v1/devices/thx-9999/readings", payload: { readings: [] } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ message: "unknown device thx-9999" });
  });
});
