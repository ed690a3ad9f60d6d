import { describe, expect, it } from "vitest";
import { scoreSeverity, type SeverityInputs } from "../../src/detect/severity.ts";

function inputs(overrides: Partial<SeverityInputs>): SeverityInputs {
  return {
    errorType: "TypeError",
    message: "Cannot read properties of undefined (reading 'email')",
    atModuleLoad: false,
    routeRequests: null,
    routeErrors: null,
    affectedUsers: 0,
    eventsPerHour: 3,
    totalUsers: null,
    route: null,
    ...overrides,
  };
}

describe("scoreSeverity", () => {
  it("rates an app that cannot start P0", () => {
    const decision = scoreSeverity(
      inputs({ errorType: "Error", message: "Cannot find module './db.js' imported from /app/src/server.js", atModuleLoad: true }),
    );
    expect(decision.severity).toBe("P0");
    expect(decision.reasons[0]).toBe(
      "the app cannot start: Error at module load (Cannot find module './db.js' imported from /app/src/server.js)",
    );
  });

  it("names the route, the share and the counts", () => {
    const decision = scoreSeverity(inputs({ route: "GET /users/:id", routeRequests: 50, routeErrors: 21 }));
    expect(decision.severity).toBe("P2");
    expect(decision.reasons[0]).toBe("42% of GET /users/:id requests failed (21/50): P2");
  });

  it.each([
    // [requests, errors, severity]
    [100, 50, "P1"],
    [100, 49, "P2"],
    [100, 10, "P2"],
    [100, 9, "P3"],
    [1000, 10, "P3"],
    [1000, 9, "P4"],
    [100, 0, "P4"],
  ] as const)("rates %d requests with %d failures on the route %s", (routeRequests, routeErrors, expected) => {
    expect(scoreSeverity(inputs({ routeRequests, routeErrors, route: "POST /orders" })).severity).toBe(expected);
  });

  it("does not call one failed request out of one '100% of traffic'", () => {
    const decision = scoreSeverity(inputs({ routeRequests: 1, routeErrors: 1, route: "GET /health" }));
    expect(decision.severity).toBe("P4");
    expect(decision.reasons).toContain("100% of GET /health requests failed (1/1), too few requests to judge (under 10): P4");
  });

  it("never shows a partial failure as 100%", () => {
    const decision = scoreSeverity(inputs({ routeRequests: 1000, routeErrors: 999, route: "GET /" }));
    expect(decision.reasons[0]).toBe(">99% of GET / requests failed (999/1000): P1");
  });

  it.each([
    [150, "P1"],
    [100, "P1"],
    [99, "P2"],
    [10, "P2"],
    [9, "P3"],
    [1, "P3"],
    [0, "P4"],
  ] as const)("rates %d affected users %s", (affectedUsers, expected) => {
    expect(scoreSeverity(inputs({ affectedUsers })).severity).toBe(expected);
  });

  it("rates a large share of a small user base by its share", () => {
    const decision = scoreSeverity(inputs({ affectedUsers: 20, totalUsers: 60 }));
    expect(decision.severity).toBe("P1");
    expect(decision.reasons[0]).toBe("20 users affected (33% of 60): P1");
  });

  it("ignores the share when the user base is too small to mean anything", () => {
    expect(scoreSeverity(inputs({ affectedUsers: 3, totalUsers: 4 })).severity).toBe("P3");
  });

  it.each([
    [1500, "P1"],
    [100, "P2"],
    [12, "P3"],
    [9.5, "P4"],
  ] as const)("rates %d events per hour %s", (eventsPerHour, expected) => {
    expect(scoreSeverity(inputs({ eventsPerHour })).severity).toBe(expected);
  });

  it("takes the most severe signal and lists it first, with every other signal", () => {
    const decision = scoreSeverity(
      inputs({ route: "GET /cart", routeRequests: 400, routeErrors: 8, affectedUsers: 120, eventsPerHour: 40 }),
    );
    expect(decision.severity).toBe("P1");
    expect(decision.reasons).toEqual([
      "120 users affected: P1",
      "2% of GET /cart requests failed (8/400): P3",
      "40 events per hour: P3",
    ]);
  });

  it("keeps P0 even when little traffic is affected", () => {
    const decision = scoreSeverity(inputs({ atModuleLoad: true, affectedUsers: 0, eventsPerHour: 1 }));
    expect(decision.severity).toBe("P0");
  });

  it("records the inputs it decided on", () => {
    const given = inputs({ affectedUsers: 12, eventsPerHour: 30 });
    expect(scoreSeverity(given).inputs).toEqual(given);
  });

  it("treats missing or broken figures as no signal", () => {
    const decision = scoreSeverity(inputs({ affectedUsers: Number.NaN, eventsPerHour: -5, routeRequests: 0, routeErrors: 0 }));
    expect(decision.severity).toBe("P4");
    expect(decision.reasons).toEqual(["0 users affected: P4", "0 events per hour: P4"]);
  });
});
