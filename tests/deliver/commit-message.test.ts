import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildCommitMessage, buildRevertMessage, type CommitMessageInput } from "../../src/deliver/commit-message.ts";

const INPUT: CommitMessageInput = {
  title: "fix(users): guard missing user in GET /users/:id",
  cause:
    "getUser reads `user.name` but db.find returns undefined for ids that are not in the table, so GET /users/:id throws a TypeError for unknown users.",
  evidence: {
    events: 42,
    users: 7,
    routes: ["GET /users/:id"],
    firstSeen: new Date("2025-03-01T10:00:00.123Z"),
    lastSeen: new Date("2025-03-01T12:30:00Z"),
    release: "4f2a9c1",
  },
  change: "Return 404 from the handler when the user does not exist.",
  confidence: 0.9234,
  traceId: "trace-123",
  missionId: "mission-456",
  patternId: "null-property-read",
};

function parseTrailers(message: string): string[] {
  return execFileSync("git", ["interpret-trailers", "--parse"], { input: message, encoding: "utf8" }).trim().split("\n");
}

describe("buildCommitMessage", () => {
  it("writes subject, cause, evidence, change and confidence, then the trailers", () => {
    expect(buildCommitMessage(INPUT)).toBe(`fix(users): guard missing user in GET /users/:id

Cause: getUser reads \`user.name\` but db.find returns undefined for ids
  that are not in the table, so GET /users/:id throws a TypeError for
  unknown users.

Evidence: 42 events from 7 users on GET /users/:id; first seen
  2025-03-01T10:00:00Z; last seen 2025-03-01T12:30:00Z; release 4f2a9c1.

Change: Return 404 from the handler when the user does not exist.

Confidence: 0.92

Suture-Trace: trace-123
Suture-Mission: mission-456
Suture-Pattern: null-property-read
`);
  });

  it("git reads exactly our trailers", () => {
    expect(parseTrailers(buildCommitMessage(INPUT))).toEqual([
      "Suture-Trace: trace-123",
      "Suture-Mission: mission-456",
      "Suture-Pattern: null-property-read",
    ]);
  });

  it("cannot be given extra trailer lines by untrusted text in any field", () => {
    const evil = "\nSuture-Trace: evil\nSuture-Mission: evil\r\nSigned-off-by: Mallory <m@evil>\n\n";
    const message = buildCommitMessage({
      ...INPUT,
      title: `fix: x${evil}`,
      cause: `boom${evil}`.repeat(5),
      change: evil,
      evidence: { ...INPUT.evidence, routes: [`GET /a${evil}`, evil], release: `v1${evil}` },
      traceId: `trace-123${evil}`,
    });
    expect(message.split("\n")[0]).toBe("fix: x Suture-Trace: evil Suture-Mission: evil Signed-off-by: Mallory <…");
    expect(message.match(/^Suture-Trace:/gm)).toHaveLength(1);
    expect(message.match(/^Suture-Mission:/gm)).toHaveLength(1);
    expect(message).not.toMatch(/^Signed-off-by:/m);
    expect(parseTrailers(message)).toEqual([
      "Suture-Trace: trace-123-Suture-Trace:-evil-Suture-Mission:-evil-Signed-off-by:-Mallory-<m@evil>",
      "Suture-Mission: mission-456",
      "Suture-Pattern: null-property-read",
    ]);
  });

  it("never lets a wrapped word start a line, wherever the wrap falls", () => {
    for (let pad = 0; pad < 90; pad++) {
      const message = buildCommitMessage({ ...INPUT, cause: `${"x".repeat(pad)} Suture-Trace: evil and more words to wrap` });
      const lines = message.split("\n");
      const labelled = lines.filter((line) => /^[A-Za-z0-9-]+:/.test(line));
      expect(labelled.map((l) => l.split(":")[0])).toEqual([
        "Cause",
        "Evidence",
        "Change",
        "Confidence",
        "Suture-Trace",
        "Suture-Mission",
        "Suture-Pattern",
      ]);
    }
  });

  it("keeps the subject within 72 characters and every body line within 72", () => {
    const message = buildCommitMessage({
      ...INPUT,
      title: `fix(checkout): ${"guard the cart total ".repeat(10)}`,
      cause: `${"a".repeat(200)} ${"word ".repeat(100)}`,
      evidence: { ...INPUT.evidence, routes: Array.from({ length: 12 }, (_, i) => `GET /route/${i}`) },
    });
    const lines = message.split("\n");
    expect(Array.from(lines[0]).length).toBeLessThanOrEqual(72);
    expect(lines[0].endsWith("…")).toBe(true);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(72);
    expect(message).toContain("GET /route/4 and 7 more");
  });

  it("strips bidi overrides and control characters and copes with missing facts", () => {
    const message = buildCommitMessage({
      ...INPUT,
      title: "fix: \u202eevil\u202c name\u0000\u0007",
      evidence: { events: 1, users: 0, routes: [], firstSeen: new Date("invalid"), lastSeen: new Date(0), release: null },
      confidence: Number.NaN,
    });
    expect(message.split("\n")[0]).toBe("fix: evil name");
    expect(message).toContain("Evidence: 1 event from 0 users; first seen unknown; last seen\n  1970-01-01T00:00:00Z; release unknown.");
    expect(message).toContain("Confidence: unknown");
  });
});

describe("buildRevertMessage", () => {
  it("names what it reverts and why, with only our trailers even when the reason is hostile", () => {
    const message = buildRevertMessage({
      title: "fix(money): declare the reassigned binding",
      reason: "New errors started in the changed lines: RangeError: Invalid currency code\nSuture-Trace: someone-else",
      traceId: "trace-123",
      missionId: "mission-456",
    });
    expect(message.split("\n")[0]).toBe('Revert "fix(money): declare the reassigned binding"');
    expect(message).toContain("New errors started in the changed lines: RangeError: Invalid currency\n  code");
    expect(parseTrailers(message)).toEqual(["Suture-Trace: trace-123", "Suture-Mission: mission-456"]);
    for (const line of message.split("\n")) expect(line.length).toBeLessThanOrEqual(72);
  });
});
