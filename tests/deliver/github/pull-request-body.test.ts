import { describe, expect, it } from "vitest";
import { parseMissionMarker } from "../../../src/deliver/github/mission-marker.ts";
import type { ProposalContent } from "../../../src/deliver/forge.ts";
import { buildPullRequest } from "../../../src/deliver/github/pull-request-body.ts";

const MISSION = "6f1c1d4e-8a52-4e0b-9b1a-2f5a3c9d7e10";
const TRACE = "0b9e5a7c-1d2f-4c3b-8e4a-5f6d7c8b9a01";

function input(overrides: Partial<ProposalContent> = {}): ProposalContent {
  return {
    mission: { id: MISSION, traceId: TRACE },
    diagnosis: {
      cause: "Property read on undefined (src/routes/users.ts:14 in getUser())",
      errorClass: "property-of-nullish",
      culprit: { file: "src/routes/users.ts", line: 14, function: "getUser" },
      message: "Cannot read properties of undefined (reading 'name')",
      evidence: {
        events: 42,
        users: 7,
        routes: [{ route: "GET /users/:id", events: 40 }, { route: "GET /me", events: 2 }],
        firstSeen: "2026-11-20T10:00:00.000Z",
        lastSeen: "2026-11-21T09:30:00.000Z",
        release: "3f2a9c1",
        sampleEventIds: ["e1"],
      },
    },
    fix: {
      title: "fix(users): answer early when the record is missing in getUser",
      summary: "Returns 404 when the user does not exist instead of reading its name.",
      rootCause: "getUser reads user.name although findUser returns undefined for unknown ids.",
      files: ["src/routes/users.ts"],
      patternId: "property-of-nullish",
      guard: { passed: true, autoApplyAllowed: true, violations: [], changedLines: 3, files: ["src/routes/users.ts"] },
    },
    decision: "pull_request",
    reason: "Confidence 0.91 is below the auto-apply bar of 0.95; a person reviews it.",
    severity: "P2",
    confidence: 0.91,
    risk: "low",
    sampleStack: {
      errorType: "TypeError",
      message: "Cannot read properties of undefined (reading 'name')",
      frames: [
        { file: "node:internal/process/task_queues", function: "process.processTicksAndRejections", line: 95, column: 5, inApp: false },
        { file: "src/routes/users.ts", function: "getUser", line: 14, column: 22, inApp: true },
      ],
    },
    ...overrides,
  };
}

describe("buildPullRequest", () => {
  it("titles the pull request fix(<area>): <cause> and labels it with severity and risk", () => {
    const pr = buildPullRequest(input());
    expect(pr.title).toBe("fix(users): answer early when the record is missing in getUser");
    expect(pr.labels).toEqual(["suture", "severity:P2", "risk:low"]);
    expect(pr.draft).toBe(false);
  });

  it("has every section a reviewer needs and ends with the mission marker", () => {
    const { body } = buildPullRequest(input());
    for (const heading of ["Root cause", "Evidence", "What the change does", "Confidence and risk", "Guard", "Decision", "How to revert"]) {
      expect(body).toContain(`### ${heading}`);
    }
    expect(body).toContain("**42 events** from **7 users**");
    expect(body).toContain("`GET /users/:id` (40 events)");
    expect(body).toContain("First seen 2026-11-20T10:00:00Z, last seen 2026-11-21T09:30:00Z");
    expect(body).toContain("Release: `3f2a9c1`");
    expect(body).toContain("```text\nTypeError: Cannot read properties of undefined (reading 'name')\n    at getUser (src/routes/users.ts:14:22)\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) [library]\n```");
    expect(body).toContain("Confidence **0.91**, risk **low**, severity **P2**");
    expect(body).toContain("git revert <merge commit>");
    expect(body.trimEnd().endsWith(`<!-- suture:mission=${MISSION} trace=${TRACE} -->`)).toBe(true);
    expect(parseMissionMarker(body)).toEqual({ missionId: MISSION, traceId: TRACE });
  });

  it("opens a draft when a person must decide", () => {
    expect(buildPullRequest(input({ decision: "needs_human", reason: "Confidence 0.7 is below 0.85." })).draft).toBe(true);
  });

  it("keeps hostile error text inside its block: no fence break-out, mentions, issue links, HTML or forged markers", () => {
    const hostile = "boom ```\n</details><img src=x onerror=alert(1)> @octocat fixes #12 <!-- suture:mission=00000000-0000-0000-0000-000000000000 trace=00000000-0000-0000-0000-000000000000 -->";
    const pr = buildPullRequest(
      input({
        diagnosis: { ...input().diagnosis, message: hostile, evidence: { ...input().diagnosis.evidence, routes: [{ route: "GET /x`y @admin", events: 1 }] } },
        sampleStack: { errorType: "Error", message: hostile, frames: [{ file: "src/a.ts", function: "@everyone", line: 1, column: 1, inApp: true }] },
      }),
    );
    expect(pr.body).not.toMatch(/@octocat|@admin|@everyone/);
    expect(pr.body).not.toMatch(/#12/);
    // Outside the fenced stack no tag survives; inside it, markdown shows tags as text.
    const outsideFences = pr.body.replace(/(`{3,})text\n[\s\S]*?\n\1\n/g, "");
    expect(outsideFences).not.toContain("<img");
    expect(outsideFences).not.toContain("</details>");
    expect(outsideFences).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
    // Only our own marker survives, so webhooks map the PR to the right mission.
    expect(pr.body.match(/<!-- suture:/g)).toHaveLength(1);
    expect(parseMissionMarker(pr.body)).toEqual({ missionId: MISSION, traceId: TRACE });
    // The stack's fence is longer than the backtick run inside it, so the run cannot close it.
    expect(pr.body).toContain("````text\nError: boom ``` </details>");
  });

  it("lists guard violations and stays under GitHub's body limit", () => {
    const pr = buildPullRequest(
      input({
        fix: {
          ...input().fix,
          guard: {
            passed: true,
            autoApplyAllowed: false,
            violations: [{ rule: "protected-path", file: "src/billing/charge.ts", line: null, message: "billing code is protected", blocking: false }],
            changedLines: 2,
            files: ["src/billing/charge.ts"],
          },
        },
        sampleStack: { errorType: "Error", message: "x".repeat(5_000), frames: Array.from({ length: 60 }, (_, i) => ({ file: `src/f${i}.ts`, function: "f", line: i, column: 1, inApp: true })) },
      }),
    );
    expect(pr.body).toContain("Passed, but auto-apply is not allowed:\n\n- `protected-path` in `src/billing/charge.ts`: billing code is protected");
    expect(pr.body).toContain("… 40 more frames");
    expect(pr.body.length).toBeLessThan(65_536);
  });
});
