import { describe, expect, it } from "vitest";
import { T0, testApp } from "./support.js";

describe("summary of a temperature-only sensor", () => {
  it("answers with the temperature and no humidity or dew point", async () => {
    const { app, captured } = testApp();
    await app.inject({ method: "POST", url: "/v1/devices/tmp-0203/readings", payload: { readings: [{ ts: T0, t: 4.96, bat: 64 }] } });
    const res = await app.inject({ method: "GET", url: "/v1/devices/tmp-0203/summary" });
    expect(res.statusCode).toBe(200);
    expect(captured).toEqual([]);
    const body = res.json();
    expect(body).toMatchObject({ device: "tmp-0203", site: "antwerp-x2", at: new Date(T0 * 1000).toISOString(), temperature: "5.0 °C", battery: "64 %", status: "ok" });
    expect(body.humidity ?? null).toBeNull();
    expect(body.dewPoint ?? null).toBeNull();
    expect(res.body).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("keeps humidity and dew point for sensors that measure it", async () => {
    const { app } = testApp();
    await app.inject({ method: "POST", url: "/v1/devices/thx-0041/readings", payload: { readings: [{ ts: T0, t: 20, rh: 50 }] } });
    const body = (await app.inject({ method: "GET", url: "/v1/devices/thx-0041/summary" })).json();
    expect(body.humidity).toBe("50 %");
    expect(body.dewPoint).toBe("9.3 °C");
  });
});
