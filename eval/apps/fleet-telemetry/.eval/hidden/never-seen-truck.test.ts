import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startApp } from "./support.ts";

describe("the truck list with a truck that has never reported", () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    app = await startApp();
    await app.request("POST", "/trucks", { id: "TRK-0610", plate: "M-FT 610", depot: "munich", model: "eActros 600" });
  });
  afterEach(() => app.close());

  it("lists every truck and shows no last contact for the new one", async () => {
    const { status, body } = await app.request("GET", "/trucks");
    expect(status).toBe(200);
    expect(body.trucks.map((truck: { id: string }) => truck.id)).toEqual(["TRK-0412", "TRK-0415", "TRK-0520", "TRK-0533", "TRK-0610"]);
    const fresh = body.trucks.find((truck: { id: string }) => truck.id === "TRK-0610");
    expect(fresh.lastSeen ?? null).toBeNull();
    expect(body.trucks.find((truck: { id: string }) => truck.id === "TRK-0412").lastSeen).toBe("2026-11-09T05:58:12.000Z");
  });

  it("lists its depot too", async () => {
    const { status, body } = await app.request("GET", "/trucks?depot=munich");
    expect(status).toBe(200);
    expect(body.trucks).toHaveLength(1);
    expect(body.trucks[0].lastSeen ?? null).toBeNull();
  });
});
