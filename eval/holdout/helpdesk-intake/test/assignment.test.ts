import { describe, expect, it } from "vitest";
import { chooseAssignee, leastLoaded, respondBy, ROSTER } from "../packages/core/src/index.ts";

describe("assignment", () => {
  it("prefers the skilled agent with the fewest open tickets", () => {
    expect(chooseAssignee({ product: "returns", priority: "normal" }, ROSTER, { ag_amal: 3, ag_bjorn: 1, ag_esme: 2 })).toBe("ag_bjorn");
  });

  it("skips agents who are offline or full", () => {
    expect(chooseAssignee({ product: "shipping", priority: "high" }, ROSTER, { ag_bjorn: 5 })).toBe("ag_esme");
    expect(chooseAssignee({ product: "shipping", priority: "high" }, ROSTER, { ag_bjorn: 5, ag_esme: 3 })).toBeNull();
  });

  it("knows who is least loaded", () => {
    expect(leastLoaded(ROSTER, { ag_amal: 3, ag_bjorn: 1, ag_chiara: 1, ag_esme: 0 })).toBe("ag_esme");
  });

  it("gives urgent tickets thirty minutes", () => {
    expect(respondBy(new Date("2026-11-27T09:00:00Z"), "urgent")).toBe("2026-11-27T09:30:00.000Z");
  });
});
