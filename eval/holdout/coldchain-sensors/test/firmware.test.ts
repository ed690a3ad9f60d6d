import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firmwareRegistry, testApp } from "./support.js";

describe("GET /v1/devices/:id/firmware", () => {
  let registry: Awaited<ReturnType<typeof firmwareRegistry>>;

  beforeAll(async () => {
    registry = await firmwareRegistry({ "THX-3": "3.2.1", "THX-2": "2.0.0" });
  });

  afterAll(() => {
    registry.server.close();
  });

  it("tells whether an update is available", async () => {
    const { app } = testApp(registry.url);
    expect((await app.inject({ method: "GET", url: "/v1/devices/thx-0041/firmware" })).json()).toEqual({
      device: "thx-0041",
      current: "3.2.1",
      latest: "3.2.1",
      updateAvailable: false,
    });
    expect((await app.inject({ method: "GET", url: "/v1/devices/thx-0107/firmware" })).json().updateAvailable).toBe(true);
  });
});
