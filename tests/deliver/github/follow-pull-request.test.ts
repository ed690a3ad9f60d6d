import { describe, expect, it } from "vitest";
import { summarizeChecks } from "../../../src/deliver/github/ci-status.ts";
import { followPullRequest } from "../../../src/deliver/github/follow-pull-request.ts";
import { parseMissionMarker } from "../../../src/deliver/github/mission-marker.ts";
import { type PullRequestState, summarizeReviews } from "../../../src/deliver/github/pull-request-state.ts";

function state(overrides: Partial<PullRequestState> = {}): PullRequestState {
  return {
    number: 7,
    url: "https://github.com/acme/app/pull/7",
    state: "open",
    draft: false,
    headSha: "a".repeat(40),
    headBranch: "suture/abcd1234-fix",
    baseBranch: "main",
    mergeable: true,
    mergeCommit: null,
    labels: ["suture"],
    checks: { status: "success", failing: [], pending: [] },
    reviews: { approved: false, changesRequested: false, by: [], changesRequestedBy: [] },
    ...overrides,
  };
}

describe("followPullRequest", () => {
  it("reports a merge with its commit", () => {
    expect(followPullRequest(state({ state: "merged", mergeCommit: "b".repeat(40) }), true)).toEqual({ kind: "merged", sha: "b".repeat(40) });
  });

  it("treats closing unmerged and requested changes as a rejection", () => {
    expect(followPullRequest(state({ state: "closed" }), false)).toMatchObject({ kind: "rejected", reason: "#7 was closed without being merged." });
    const changes = state({ reviews: { approved: true, changesRequested: true, by: ["a"], changesRequestedBy: ["bob"] } });
    expect(followPullRequest(changes, false)).toEqual({ kind: "rejected", reason: "Changes were requested on #7 by bob." });
  });

  it("feeds failing checks back as a summary, before waiting for anything else", () => {
    const failing = state({ checks: { status: "failure", failing: [{ name: "test", summary: "2 tests failed" }, { name: "lint", summary: "state failure" }], pending: ["e2e"] } });
    expect(followPullRequest(failing, true)).toEqual({ kind: "ci_failed", summary: "test: 2 tests failed\nlint: state failure" });
  });

  it("waits for running checks, then for an approval when one is needed", () => {
    expect(followPullRequest(state({ checks: { status: "pending", failing: [], pending: ["test"] } }), false)).toEqual({ kind: "waiting", reason: "Checks are still running on #7 (test)." });
    expect(followPullRequest(state(), true)).toEqual({ kind: "waiting", reason: "#7 waits for an approving review." });
    expect(followPullRequest(state({ reviews: { approved: true, changesRequested: false, by: ["ann"], changesRequestedBy: [] } }), true)).toEqual({ kind: "approved_and_green", checks: "success" });
    expect(followPullRequest(state({ checks: { status: "none", failing: [], pending: [] } }), false)).toEqual({ kind: "approved_and_green", checks: "none" });
  });

  it("reports a conflict with base", () => {
    expect(followPullRequest(state({ mergeable: false }), false)).toMatchObject({ kind: "conflict" });
  });
});

describe("summarizeChecks", () => {
  it("counts only the newest run of a re-run check and combines statuses", () => {
    const summary = summarizeChecks(
      [
        { id: 1, name: "test", status: "completed", conclusion: "failure", output: { title: "1 failed" } },
        { id: 2, name: "test", status: "completed", conclusion: "success" },
        { id: 3, name: "build", status: "completed", conclusion: "skipped" },
      ],
      [{ context: "ci/legacy", state: "error", description: "runner crashed" }],
    );
    expect(summary).toEqual({ status: "failure", failing: [{ name: "ci/legacy", summary: "runner crashed" }], pending: [], total: 3 });
  });

  it("is none without any check and pending while one runs", () => {
    expect(summarizeChecks([], []).status).toBe("none");
    expect(summarizeChecks([{ id: 1, name: "t", status: "queued", conclusion: null }], [{ context: "x", state: "success" }])).toMatchObject({ status: "pending", pending: ["t"] });
  });
});

describe("summarizeReviews", () => {
  it("uses each reviewer's latest decisive review; comments decide nothing and dismissals cancel", () => {
    const summary = summarizeReviews([
      { id: 1, state: "CHANGES_REQUESTED", user: { login: "bob" } },
      { id: 2, state: "APPROVED", user: { login: "bob" } },
      { id: 3, state: "COMMENTED", user: { login: "bob" } },
      { id: 4, state: "APPROVED", user: { login: "eve" } },
      { id: 5, state: "DISMISSED", user: { login: "eve" } },
    ]);
    expect(summary).toEqual({ approved: true, changesRequested: false, by: ["bob"], changesRequestedBy: [] });
  });
});

describe("parseMissionMarker", () => {
  it("reads only a well-formed marker with uuids", () => {
    expect(parseMissionMarker("text <!-- suture:mission=6F1C1D4E-8A52-4E0B-9B1A-2F5A3C9D7E10 trace=0b9e5a7c-1d2f-4c3b-8e4a-5f6d7c8b9a01 -->")).toEqual({
      missionId: "6f1c1d4e-8a52-4e0b-9b1a-2f5a3c9d7e10",
      traceId: "0b9e5a7c-1d2f-4c3b-8e4a-5f6d7c8b9a01",
    });
    expect(parseMissionMarker("<!-- suture:mission=1 trace=2 -->")).toBeNull();
    expect(parseMissionMarker(null)).toBeNull();
  });
});
