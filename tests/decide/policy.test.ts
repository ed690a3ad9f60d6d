import { describe, expect, it } from "vitest";
import { type Decision, decideFix, type PolicyInput } from "../../src/decide/policy.ts";
import type { GuardResult } from "../../src/fix/guard/guard-changes.ts";

const CLEAN: GuardResult = { passed: true, autoApplyAllowed: true, violations: [], changedLines: 2, files: ["src/routes/users.ts"] };
const PROTECTED: GuardResult = {
  passed: true,
  autoApplyAllowed: false,
  violations: [{ rule: "protected-path", file: "src/billing/charge.ts", line: null, message: "src/billing/charge.ts is protected (**/billing/**); a person must review this change", blocking: false }],
  changedLines: 2,
  files: ["src/billing/charge.ts"],
};
const BLOCKED: GuardResult = {
  passed: false,
  autoApplyAllowed: false,
  violations: [{ rule: "dangerous-code", file: "src/routes/users.ts", line: 6, message: "line 6 of src/routes/users.ts adds eval(", blocking: true }],
  changedLines: 2,
  files: ["src/routes/users.ts"],
};

const SETTINGS = {
  autonomyLevel: 1 as 0 | 1 | 2 | 3,
  thresholds: { autoApply: 0.95, pullRequest: 0.85 },
  limits: { fixesPerHour: 5, openFixes: 10, maxChangedLines: 30, maxFiles: 3, maxAttempts: 3 },
};

function input(overrides: Partial<PolicyInput> & { autonomy?: 0 | 1 | 2 | 3 }): PolicyInput {
  const { autonomy, ...rest } = overrides;
  return {
    confidence: 0.97,
    severity: "P2",
    guard: CLEAN,
    validation: { passed: true },
    paused: false,
    fixesLastHour: 0,
    openFixes: 0,
    settings: { ...SETTINGS, autonomyLevel: autonomy ?? 1 },
    ...rest,
  };
}

describe("decideFix: the whole matrix", () => {
  const autonomies = [0, 1, 2, 3] as const;
  const severities = ["P0", "P1", "P2", "P3", "P4"] as const;
  const bands = [
    { name: "low", confidence: 0.5, atLeastPr: false, atLeastAuto: false },
    { name: "just under the PR bar", confidence: 0.8499, atLeastPr: false, atLeastAuto: false },
    { name: "at the PR bar", confidence: 0.85, atLeastPr: true, atLeastAuto: false },
    { name: "just under the auto bar", confidence: 0.9499, atLeastPr: true, atLeastAuto: false },
    { name: "at the auto bar", confidence: 0.95, atLeastPr: true, atLeastAuto: true },
    { name: "high", confidence: 0.99, atLeastPr: true, atLeastAuto: true },
  ];
  const guards = [
    { name: "clean", guard: CLEAN },
    { name: "protected", guard: PROTECTED },
    { name: "blocked", guard: BLOCKED },
  ];
  const validations = [
    { name: "passed", validation: { passed: true } },
    { name: "failed", validation: { passed: false } },
    { name: "not run", validation: null },
  ];
  const limits = [
    { name: "under", fixesLastHour: 4, openFixes: 9 },
    { name: "hourly reached", fixesLastHour: 5, openFixes: 0 },
    { name: "open reached", fixesLastHour: 0, openFixes: 10 },
  ];

  // The rules of DESIGN.md and the issue, written as a table rather than as the code's if-chain.
  function expected(c: {
    autonomy: number;
    severity: string;
    band: (typeof bands)[number];
    guard: string;
    validation: string;
    limit: string;
    paused: boolean;
  }): Decision {
    if (c.paused) return "needs_human";
    if (c.guard === "blocked") return "rejected";
    if (c.validation === "failed") return "needs_human";
    if (c.limit !== "under") return "needs_human";
    if (!c.band.atLeastPr) return "needs_human";
    if (c.autonomy === 0) return "needs_human";
    const autoSeverities: Record<number, string[]> = { 1: [], 2: ["P2", "P3", "P4"], 3: ["P1", "P2", "P3", "P4"] };
    const mayAuto =
      autoSeverities[c.autonomy].includes(c.severity) && c.band.atLeastAuto && c.guard === "clean" && c.validation === "passed";
    return mayAuto ? "auto_apply" : "pull_request";
  }

  for (const autonomy of autonomies) {
    for (const severity of severities) {
      it(`decides every case for autonomy ${autonomy} and severity ${severity}`, () => {
        const mismatches: string[] = [];
        let cases = 0;
        for (const band of bands)
          for (const g of guards)
            for (const v of validations)
              for (const l of limits)
                for (const paused of [false, true]) {
                  cases++;
                  const result = decideFix({
                    confidence: band.confidence,
                    severity,
                    guard: g.guard,
                    validation: v.validation,
                    paused,
                    fixesLastHour: l.fixesLastHour,
                    openFixes: l.openFixes,
                    settings: { ...SETTINGS, autonomyLevel: autonomy },
                  });
                  const want = expected({ autonomy, severity, band, guard: g.name, validation: v.name, limit: l.name, paused });
                  if (result.decision !== want) {
                    mismatches.push(`${band.name}/${g.name}/${v.name}/${l.name}/paused=${paused}: got ${result.decision}, want ${want}`);
                  }
                  expect(result.reason.length).toBeGreaterThan(20);
                }
        expect(cases).toBe(6 * 3 * 3 * 3 * 2);
        expect(mismatches).toEqual([]);
      });
    }
  }
});

describe("decideFix: reasons", () => {
  it("says the project is paused", () => {
    expect(decideFix(input({ paused: true, guard: BLOCKED }))).toEqual({
      decision: "needs_human",
      reason: "Healing is paused for this project; the fix is kept for a person to review and nothing is delivered until healing is resumed.",
    });
  });

  it("names the guard rule that rejected the fix", () => {
    expect(decideFix(input({ guard: BLOCKED }))).toEqual({
      decision: "rejected",
      reason: "The guard rejected the fix (dangerous-code: line 6 of src/routes/users.ts adds eval().",
    });
  });

  it("says a failed validation cannot ship", () => {
    expect(decideFix(input({ validation: { passed: false } })).reason).toContain("failed validation");
  });

  it("names the hourly limit and the count", () => {
    expect(decideFix(input({ fixesLastHour: 7 })).reason).toBe(
      "The rate limit of 5 fixes per hour is reached (7 in the last hour); the fix is not delivered and is left for a person.",
    );
  });

  it("names the open-fix limit", () => {
    expect(decideFix(input({ openFixes: 10 })).reason).toBe(
      "The limit of 10 open fixes is reached (10 open); existing fixes must be merged or closed before another is delivered.",
    );
  });

  it("names the confidence and the bar it misses", () => {
    expect(decideFix(input({ confidence: 0.72 })).reason).toBe(
      "Confidence 0.72 is below the 0.85 needed to propose a fix; a person should diagnose this incident.",
    );
  });

  it("does not round a confidence up to the threshold it misses", () => {
    expect(decideFix(input({ autonomy: 2, confidence: 0.9499 })).reason).toBe(
      "Proposed for review: confidence 0.9499 is below the 0.95 auto-apply threshold.",
    );
  });

  it("observes only at autonomy 0", () => {
    expect(decideFix(input({ autonomy: 0 }))).toEqual({
      decision: "needs_human",
      reason: "Autonomy level 0 observes only: the fix (confidence 0.97) is recorded for a person and not delivered.",
    });
  });

  it("proposes at the default autonomy 1", () => {
    expect(decideFix(input({}))).toEqual({
      decision: "pull_request",
      reason: "Autonomy level 1 proposes every fix for review; confidence 0.97 clears the 0.85 pull-request bar.",
    });
  });

  it("always asks for P0 incidents", () => {
    expect(decideFix(input({ autonomy: 3, severity: "P0" }))).toEqual({
      decision: "pull_request",
      reason: "Proposed for review: a P0 incident (the app is down) always asks a person.",
    });
  });

  it("explains a severity above what the autonomy level auto-applies", () => {
    expect(decideFix(input({ autonomy: 2, severity: "P1" })).reason).toBe(
      "Proposed for review: autonomy level 2 auto-applies only P2–P4 incidents and this one is P1.",
    );
  });

  it("names the protected file", () => {
    expect(decideFix(input({ autonomy: 3, guard: PROTECTED })).reason).toBe(
      "Proposed for review: the fix touches a protected path (src/billing/charge.ts), which is never auto-applied.",
    );
  });

  it("never auto-applies an untested fix", () => {
    expect(decideFix(input({ autonomy: 3, validation: null }))).toEqual({
      decision: "pull_request",
      reason: "Proposed for review: the fix was not validated (no test command), and an untested fix is never auto-applied.",
    });
  });

  it("auto-applies when everything allows it, saying why", () => {
    expect(decideFix(input({ autonomy: 2, severity: "P3" }))).toEqual({
      decision: "auto_apply",
      reason: "Auto-applied: confidence 0.97 meets the 0.95 threshold, validation passed, and autonomy level 2 allows P3 fixes.",
    });
  });

  it("uses the project's own thresholds", () => {
    const settings = { ...SETTINGS, autonomyLevel: 2 as const, thresholds: { autoApply: 0.99, pullRequest: 0.6 } };
    expect(decideFix(input({ confidence: 0.97, settings })).decision).toBe("pull_request");
    expect(decideFix(input({ confidence: 0.7, settings })).decision).toBe("pull_request");
    expect(decideFix(input({ confidence: 0.5, settings })).decision).toBe("needs_human");
  });

  it("treats a non-number confidence as none", () => {
    expect(decideFix(input({ confidence: Number.NaN })).decision).toBe("needs_human");
  });

  it("rejects a guard result that failed even without a listed violation", () => {
    expect(decideFix(input({ guard: { ...CLEAN, passed: false, autoApplyAllowed: false } })).decision).toBe("rejected");
  });
});
