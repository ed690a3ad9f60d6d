// The fix commit's message: a subject a reviewer can scan, then cause, evidence and change, then
// trailers that tie the commit to its mission's audit trail.
//
// Every text field comes from scrubbed but untrusted error text (messages, routes, releases). It
// must never add lines of its own: a crafted message containing "\nSuture-Trace: evil" would
// otherwise make tools that read trailers (or grep for them) attribute the commit to another
// mission. So every field is flattened to one line, and wrapped prose lines after the first of a
// paragraph are indented, which means no line we did not write ourselves can begin with `Token:`.

export interface CommitMessageInput {
  /** e.g. "fix(users): guard missing user in GET /users/:id" */
  title: string;
  cause: string;
  evidence: {
    events: number;
    users: number;
    routes: string[];
    firstSeen: Date;
    lastSeen: Date;
    release: string | null;
  };
  change: string;
  confidence: number;
  traceId: string;
  missionId: string;
  patternId: string;
}

export const SUBJECT_MAX_CHARS = 72;
export const BODY_WIDTH = 72;
/** Bounds a message built from untrusted text; a reviewer reads the diff for the rest. */
const MAX_PROSE_CHARS = 2_000;
const MAX_ROUTES_SHOWN = 5;
const MAX_ROUTE_CHARS = 120;
const MAX_ID_CHARS = 100;
const CONTINUATION_INDENT = "  ";

export function buildCommitMessage(input: CommitMessageInput): string {
  const subject = truncate(singleLine(input.title) || "fix: guard a production error", SUBJECT_MAX_CHARS);
  const paragraphs = [
    wrapParagraph(`Cause: ${truncate(singleLine(input.cause), MAX_PROSE_CHARS)}`, BODY_WIDTH),
    wrapParagraph(`Evidence: ${describeEvidence(input.evidence)}`, BODY_WIDTH),
    wrapParagraph(`Change: ${truncate(singleLine(input.change), MAX_PROSE_CHARS)}`, BODY_WIDTH),
    `Confidence: ${formatConfidence(input.confidence)}`,
  ];
  const trailers = [
    `Suture-Trace: ${trailerValue(input.traceId)}`,
    `Suture-Mission: ${trailerValue(input.missionId)}`,
    `Suture-Pattern: ${trailerValue(input.patternId)}`,
  ];
  return `${subject}\n\n${paragraphs.join("\n\n")}\n\n${trailers.join("\n")}\n`;
}

/**
 * The message of a commit that reverts a merged fix: what it reverts, why (the monitor's reason,
 * which quotes production error text, so it is flattened and wrapped like every other field),
 * and the trailers that tie it to the mission.
 */
export function buildRevertMessage(input: { title: string; reason: string; traceId: string; missionId: string }): string {
  const subject = truncate(`Revert "${singleLine(input.title)}"`, SUBJECT_MAX_CHARS);
  const reason = wrapParagraph(truncate(singleLine(input.reason), MAX_PROSE_CHARS), BODY_WIDTH);
  return `${subject}

${reason}

Suture-Trace: ${trailerValue(input.traceId)}
Suture-Mission: ${trailerValue(input.missionId)}
`;
}

/**
 * One line of plain text: line and paragraph separators, control characters and invisible
 * formatting characters (bidi overrides can make text read differently than it is) are removed.
 */
export function singleLine(text: string): string {
  return text
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, "")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, " ")
    .trim();
}

function trailerValue(id: string): string {
  // Ids are ours, but they end up on a trailer line, so they get the same treatment.
  return truncate(singleLine(id).replace(/\s+/g, "-"), MAX_ID_CHARS) || "unknown";
}

function describeEvidence(evidence: CommitMessageInput["evidence"]): string {
  const parts = [`${count(evidence.events, "event")} from ${count(evidence.users, "user")}`];
  const routes = evidence.routes
    .map((route) => truncate(singleLine(route), MAX_ROUTE_CHARS))
    .filter((route) => route.length > 0);
  if (routes.length > 0) {
    const shown = routes.slice(0, MAX_ROUTES_SHOWN).join(", ");
    const more = routes.length > MAX_ROUTES_SHOWN ? ` and ${routes.length - MAX_ROUTES_SHOWN} more` : "";
    parts[0] += ` on ${shown}${more}`;
  }
  parts.push(`first seen ${formatDate(evidence.firstSeen)}`, `last seen ${formatDate(evidence.lastSeen)}`);
  const release = evidence.release === null ? "" : truncate(singleLine(evidence.release), MAX_ID_CHARS);
  parts.push(release ? `release ${release}` : "release unknown");
  return `${parts.join("; ")}.`;
}

function count(value: number, noun: string): string {
  const n = Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatDate(date: Date): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) return "unknown";
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function formatConfidence(confidence: number): string {
  if (!Number.isFinite(confidence)) return "unknown";
  return Math.min(1, Math.max(0, confidence)).toFixed(2);
}

function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, maxChars - 1).join("").trimEnd()}…`;
}

/**
 * Greedy word wrap of one line of text. Continuation lines are indented so that untrusted words
 * can never start a line; words longer than the width are split.
 */
export function wrapParagraph(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  const limit = (): number => (lines.length === 0 ? width : width - CONTINUATION_INDENT.length);
  for (const word of text.split(" ").filter((w) => w.length > 0)) {
    let rest = Array.from(word);
    while (rest.length > 0) {
      const room = line.length === 0 ? limit() : limit() - Array.from(line).length - 1;
      if (rest.length <= room) {
        line = line.length === 0 ? rest.join("") : `${line} ${rest.join("")}`;
        rest = [];
      } else if (line.length > 0) {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, room).join(""));
        rest = rest.slice(room);
      }
    }
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${CONTINUATION_INDENT}${l}`)).join("\n");
}
