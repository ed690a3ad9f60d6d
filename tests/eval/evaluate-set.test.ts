import { describe, expect, it } from "vitest";
import { type AppScore, matchTarget, type MissionScore, summarize } from "../../scripts/eval/evaluate-app.ts";
import { figuresOf } from "../../scripts/eval/evaluate-set.ts";
import { parseAppManifest } from "../../scripts/eval/manifest.ts";

// The evaluation harness's scoring rules: which bug a mission's group belongs to, and what
// counts as fixed and as broken.

const manifest = parseAppManifest(
  {
    name: "ledger",
    style: "lambda",
    language: "ts",
    module: "esm",
    runner: "vitest",
    testCommand: "npm test",
    release: "v1",
    bugs: [
      {
        id: "missing-invoice",
        kind: "property of undefined",
        match: { errorType: "TypeError", messageIncludes: "reading 'amount'", file: "src/refunds.ts" },
        hidden: { files: [{ from: ".eval/hidden/a.test.ts", to: "test/a.test.ts" }], command: "npx vitest run test/a.test.ts" },
      },
    ],
    decoys: [{ id: "fx-down", kind: "upstream-outage", match: { errorType: "TypeError", messageIncludes: "fetch failed", file: "src/fx.ts" } }],
  },
  "ledger",
);

function mission(overrides: Partial<MissionScore>): MissionScore {
  return {
    missionId: "m",
    state: "proposed",
    decision: "pull_request",
    reason: null,
    errorType: "TypeError",
    message: "",
    target: null,
    branch: "suture/x",
    delivered: true,
    reproduced: true,
    hiddenPassed: true,
    visiblePassed: true,
    timeToValidatedFixMs: 1000,
    ...overrides,
  };
}

function app(missions: MissionScore[]): AppScore {
  return summarize(manifest, missions, 1, null);
}

describe("matchTarget", () => {
  it("assigns a group to the bug whose type, message and file its samples show", () => {
    const samples = [{ error_type: "TypeError", message: "Cannot read properties of undefined (reading 'amount')", frames: [{ file: "src/refunds.ts" }] }];
    expect(matchTarget(manifest, samples)).toEqual({ kind: "bug", id: "missing-invoice" });
  });

  it("assigns the decoy, and nothing when no target fits", () => {
    expect(matchTarget(manifest, [{ error_type: "TypeError", message: "fetch failed", frames: [{ file: "src/fx.ts" }] }])).toEqual({ kind: "decoy", id: "fx-down" });
    expect(matchTarget(manifest, [{ error_type: "RangeError", message: "reading 'amount'", frames: [{ file: "src/refunds.ts" }] }])).toBeNull();
  });
});

describe("figuresOf", () => {
  it("counts a delivered fix that fails its held-back test, one aimed at a decoy and one aimed at nothing as broken", () => {
    const figures = figuresOf("apps", [
      app([
        mission({ target: { kind: "bug", id: "missing-invoice" }, hiddenPassed: false }),
        mission({ target: { kind: "decoy", id: "fx-down" }, hiddenPassed: null }),
        mission({ target: null, hiddenPassed: null }),
      ]),
    ]);
    expect(figures).toMatchObject({ real_bugs: 1, fixed: 0, broken_proposals: 3, decoys_untouched: 0, fix_rate: 0 });
  });

  it("counts a bug fixed when a delivered fix passes its held-back test and the app's own tests", () => {
    const figures = figuresOf("apps", [app([mission({ target: { kind: "bug", id: "missing-invoice" } }), mission({ target: { kind: "decoy", id: "fx-down" }, delivered: false })])]);
    expect(figures).toMatchObject({ fixed: 1, fix_rate: 1, repro_rate: 1, broken_proposals: 0, decoys_untouched: 1, time_to_validated_fix_ms_median: 1000 });
  });
});
