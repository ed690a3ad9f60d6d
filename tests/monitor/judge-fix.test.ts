import { describe, expect, it } from "vitest";
import { judgeFix } from "../../src/monitor/judge-fix.ts";
import type { FixOutcomeFacts } from "../../src/store/monitor/load-fix-outcome.ts";

const quiet: FixOutcomeFacts = {
  eventsSinceDeploy: 0,
  routeRequestsSinceDeploy: 120,
  routeErrorsSinceDeploy: 0,
  routeRequestsBefore: 100,
  routeErrorsBefore: 30,
  newGroups: [],
};

function judge(facts: Partial<FixOutcomeFacts>, options: { watchElapsed?: boolean; changedLines?: Record<string, number[]> } = {}) {
  return judgeFix({
    facts: { ...quiet, ...facts },
    changedLines: options.changedLines ?? { "src/routes/users.ts": [24] },
    culprit: { file: "src/routes/users.ts", function: "getUser" },
    watchElapsed: options.watchElapsed ?? true,
    minRequests: 5,
    route: "/users/:id",
    errorRateIncrease: 0.5,
  });
}

describe("judgeFix", () => {
  it("calls a fix healed when the error stopped while the route kept serving", () => {
    expect(judge({}).kind).toBe("healed");
  });

  it("calls it not healed when the error kept firing through the watch", () => {
    expect(judge({ eventsSinceDeploy: 4 })).toMatchObject({ kind: "not_healed", reason: expect.stringContaining("4 events") });
  });

  it("keeps watching before the window ends, or while the route saw too little traffic", () => {
    expect(judge({}, { watchElapsed: false }).kind).toBe("keep_watching");
    expect(judge({ routeRequestsSinceDeploy: 2 }).kind).toBe("keep_watching");
  });

  it("blames a new error thrown in the function the fixed error was thrown in, however far from the changed lines", () => {
    // A fix that declares the missing binding instead of importing it: the crash moved, not gone.
    const moved = { fingerprint: "f2", title: "TypeError: formatPrice is not a function", culprit_file: "src/routes/users.ts", culprit_function: "getUser", culprit_line: 57, event_count: 10 };
    expect(judge({ newGroups: [moved] })).toMatchObject({ kind: "regressed", reason: expect.stringContaining("where the fixed error was thrown") });
    expect(judge({ newGroups: [{ ...moved, culprit_function: "listUsers" }] }).kind).toBe("healed");
  });

  it("blames a new error in the changed lines on the fix, and not one far from them", () => {
    const near = { fingerprint: "f1", title: "RangeError: boom", culprit_file: "src/routes/users.ts", culprit_function: "updateUser", culprit_line: 26, event_count: 3 };
    expect(judge({ newGroups: [near] })).toMatchObject({ kind: "regressed", groups: ["f1"] });
    expect(judge({ newGroups: [{ ...near, culprit_line: 90 }] }).kind).toBe("healed");
    expect(judge({ newGroups: [{ ...near, culprit_file: "src/lib/other.ts" }] }).kind).toBe("healed");
  });

  it("calls it regressed when the route's server errors rise by more than half", () => {
    const verdict = judge({ routeRequestsBefore: 100, routeErrorsBefore: 5, routeRequestsSinceDeploy: 100, routeErrorsSinceDeploy: 12 });
    expect(verdict).toMatchObject({ kind: "regressed", reason: expect.stringContaining("5.0 % to 12.0 %") });
  });

  it("does not call a small or falling error count a regression", () => {
    expect(judge({ routeRequestsBefore: 100, routeErrorsBefore: 0, routeErrorsSinceDeploy: 3 }).kind).toBe("healed");
    expect(judge({ routeRequestsBefore: 100, routeErrorsBefore: 30, routeRequestsSinceDeploy: 100, routeErrorsSinceDeploy: 20 }).kind).toBe("healed");
  });
});
