import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "./support.ts";

describe("trucks", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(() => app.close());

  it("lists the trucks of a depot with their last contact", async () => {
    const { status, body } = await app.request("GET", "/trucks?depot=berlin");
    expect(status).toBe(200);
    expect(body.trucks).toEqual([
      { id: "TRK-0520", plate: "B-FT 520", depot: "berlin", lastSeen: "2026-11-09T06:00:03.000Z", stale: false },
      { id: "TRK-0533", plate: "B-FT 533", depot: "berlin", lastSeen: "2026-11-09T05:47:55.000Z", stale: true },
    ]);
  });

  it("registers a truck", async () => {
    const { status, body } = await app.request("POST", "/trucks", { id: "TRK-0601", plate: "M-FT 601", depot: "munich", model: "eActros 600" });
    expect(status).toBe(201);
    expect(body.truck.id).toBe("TRK-0601");
    expect(app.fleet.get("TRK-0601")?.depot).toBe("munich");
  });

  it("refuses a duplicate or incomplete registration", async () => {
    expect((await app.request("POST", "/trucks", { id: "TRK-0412", plate: "x", depot: "hamburg", model: "y" })).status).toBe(409);
    expect((await app.request("POST", "/trucks", { id: "TRK-0700" })).status).toBe(400);
  });

  it("shows a new truck that has not reported yet", async () => {
    await app.request("POST", "/trucks", { id: "TRK-0602", plate: "M-FT 602", depot: "munich", model: "eActros 600" });
    const { body } = await app.request("GET", "/trucks/TRK-0602");
    expect(body.truck.lastSeen).toBeNull();
    expect(body.recent).toEqual([]);
  });

  it("answers 404 for an unknown truck", async () => {
    expect((await app.request("GET", "/trucks/TRK-9999")).body).toEqual({ error: "truck_not_found" });
  });

  it("geocodes the last position", async () => {
    await app.request("POST", "/trucks/TRK-0412/readings", { readings: [{ ts: "2026-11-09T06:03:00Z", lat: 53.54, lon: 9.98, speed: 31, fuel: 64 }] });
    const { body } = await app.request("GET", "/trucks/TRK-0412/location");
    expect(body).toMatchObject({ truckId: "TRK-0412", lat: 53.54, place: { city: "Hamburg" } });
  });
});
