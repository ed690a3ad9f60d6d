import { describe, expect, it } from "vitest";
import { diagnoseIncident } from "../../src/diagnose/diagnose-incident.ts";
import type { StackFrame } from "../../src/core/stack-frame.ts";
import type { GroupEvidence, GroupSample } from "../../src/store/errors/load-group-evidence.ts";

const appFrames = (file: string, fn: string, line: number): StackFrame[] => [
  { file: "node_modules/express/lib/router/layer.js", function: "handle", line: 95, column: 5, inApp: false },
  { file, function: fn, line, column: 20, inApp: true },
];

function group(sample: Partial<GroupSample>): GroupEvidence {
  return {
    id: "g1",
    fingerprint: "f1",
    title: "Error: could not load user <n>",
    error_type: sample.error_type ?? "Error",
    normalized_message: "could not load user <n>",
    event_count: 12,
    user_count: 4,
    first_seen: new Date("2026-11-20T10:00:00Z"),
    last_seen: new Date("2026-11-20T10:30:00Z"),
    last_release: "v1.0.0",
    routes: [{ route: "GET /users/:id", events: 12 }],
    samples: [
      {
        event_id: "e1",
        occurred_at: new Date("2026-11-20T10:30:00Z"),
        error_type: "Error",
        message: "could not load user 123",
        frames: appFrames("src/routes/users.ts", "handleGetUser", 9),
        causes: [],
        release: "v1.0.0",
        request_method: "GET",
        request_route: "/users/:id",
        ...sample,
      },
    ],
  };
}

describe("diagnoseIncident", () => {
  it("diagnoses the thrown error when its class is known", () => {
    const diagnosis = diagnoseIncident(group({ error_type: "TypeError", message: "Cannot read properties of undefined (reading 'email')", frames: appFrames("src/users.ts", "getUser", 12) }));
    expect(diagnosis).toMatchObject({ kind: "code-bug", errorClass: "property-of-nullish", culprit: { file: "src/users.ts", line: 12 } });
  });

  it("finds the bug in a wrapped error's cause, where the code that failed is", () => {
    const diagnosis = diagnoseIncident(
      group({
        causes: [{ type: "TypeError", value: "Cannot read properties of undefined (reading 'email')", frames: appFrames("src/lib/users.ts", "loadUser", 4) }],
      }),
    );
    expect(diagnosis).toMatchObject({ kind: "code-bug", errorClass: "property-of-nullish", culprit: { file: "src/lib/users.ts", line: 4, function: "loadUser" } });
    expect(diagnosis.kind === "code-bug" && diagnosis.cause).toMatch(/surfaced wrapped as Error: could not load user 123/);
  });

  it("sends a wrapper around a network failure to a person, not to a patch", () => {
    const diagnosis = diagnoseIncident(group({ causes: [{ type: "Error", value: "connect ECONNREFUSED 10.0.0.7:5432", frames: [] }] }));
    expect(diagnosis).toMatchObject({ kind: "not-fixable", reason: expect.stringMatching(/Not a code bug/) });
  });

  it("keeps an unrecognised wrapper without a useful cause as unclassified, for a model to try", () => {
    const diagnosis = diagnoseIncident(group({ causes: [{ type: "Error", value: "something odd", frames: [] }] }));
    expect(diagnosis).toMatchObject({ kind: "unclassified", culprit: { file: "src/routes/users.ts", line: 9 } });
  });

  it("refuses to patch when every frame is third-party code", () => {
    const diagnosis = diagnoseIncident(
      group({ error_type: "TypeError", message: "Cannot read properties of null (reading 'spans')", frames: [{ file: "node_modules/@acme/agent/index.js", function: "flush", line: 3, column: 1, inApp: false }] }),
    );
    expect(diagnosis).toMatchObject({ kind: "not-fixable", reason: expect.stringMatching(/third-party/) });
  });
});
