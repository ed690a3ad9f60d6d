import type { GuardResult } from "../../fix/guard/guard-changes.ts";
import type { StackFrame } from "../../core/stack-frame.ts";
import { singleLine } from "../commit-message.ts";
import type { ProposalContent } from "../forge.ts";
import { missionMarker } from "./mission-marker.ts";

// The pull request a reviewer reads like a colleague's: what broke and why, the evidence, what the
// change does and why it is minimal, how sure Suture is, what the guard checked, the decision, and
// how to undo it. Pure.
//
// Everything quoted from production (error messages, routes, releases, stack frames) is untrusted
// text. It must not break out of its place in the markdown, ping people (@mentions), reference
// issues (#123), render HTML, or forge the mission marker (an HTML comment). Inline text is
// flattened and escaped; the sample stack sits in a fence longer than any backtick run inside it.

export interface BuiltPullRequest {
  title: string;
  body: string;
  labels: string[];
  draft: boolean;
}

/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
export const MAX_BODY_CHARS = 60_000;
const MAX_TITLE_CHARS = 120;
const MAX_INLINE_CHARS = 600;
const MAX_STACK_FRAMES = 20;
const MAX_ROUTES = 5;

export function buildPullRequest(input: ProposalContent): BuiltPullRequest {
  const title = truncate(singleLine(input.fix.title), MAX_TITLE_CHARS) || "fix: guard a production error";
  const labels = ["suture", `severity:${input.severity}`, `risk:${input.risk}`];
  const draft = input.decision === "needs_human" || input.decision === "rejected";
  const sections = [
    section("Root cause", `${inline(input.fix.rootCause || input.diagnosis.cause)}\n\nWhere: \`${code(input.diagnosis.culprit.file)}:${input.diagnosis.culprit.line}\`${input.diagnosis.culprit.function ? ` in \`${code(input.diagnosis.culprit.function)}\`` : ""} (${inline(input.diagnosis.errorClass)}).`),
    section("Evidence", evidence(input)),
    section("What the change does", change(input)),
    section("Confidence and risk", `Confidence **${formatConfidence(input.confidence)}**, risk **${input.risk}**, severity **${input.severity}**.${input.fix.patternId ? ` Pattern \`${code(input.fix.patternId)}\`.` : ""}`),
    section("Guard", guard(input.fix.guard)),
    section("Decision", `**${input.decision.replace("_", " ")}**: ${inline(input.reason)}${draft ? "\n\nThis is a draft because a person must decide: review the change, then mark it ready or close it." : ""}`),
    section(
      "How to revert",
      "Use GitHub's **Revert** button on this pull request once merged, or `git revert <merge commit>` on the base branch. If the error rate rises after deploy, Suture opens the revert pull request itself.",
    ),
  ];
  const footer = `<sub>Opened by Suture · mission \`${code(input.mission.id)}\` · trace \`${code(input.mission.traceId)}\`</sub>\n\n${missionMarker({ missionId: input.mission.id, traceId: input.mission.traceId })}`;
  let body = `${sections.join("\n\n")}\n\n${footer}\n`;
  if (body.length > MAX_BODY_CHARS) {
    // Only the quoted material can be long; keep the marker, which webhooks need.
    body = `${body.slice(0, MAX_BODY_CHARS - footer.length - 40)}\n\n…(truncated)\n\n${footer}\n`;
  }
  return { title, body, labels, draft };
}

function section(heading: string, content: string): string {
  return `### ${heading}\n\n${content}`;
}

function evidence(input: ProposalContent): string {
  const e = input.diagnosis.evidence;
  const routes = e.routes.slice(0, MAX_ROUTES).map((r) => `\`${code(r.route)}\` (${count(r.events, "event")})`);
  const more = e.routes.length > MAX_ROUTES ? ` and ${e.routes.length - MAX_ROUTES} more` : "";
  const lines = [
    `- **${count(e.events, "event")}** from **${count(e.users, "user")}**`,
    `- Routes: ${routes.length > 0 ? `${routes.join(", ")}${more}` : "none recorded"}`,
    `- First seen ${formatDate(e.firstSeen)}, last seen ${formatDate(e.lastSeen)}`,
    `- Release: ${e.release ? `\`${code(e.release)}\`` : "unknown"}`,
    `- Message: ${inline(input.diagnosis.message)}`,
  ];
  const stack = input.sampleStack ? sampleStack(input.sampleStack) : null;
  return stack ? `${lines.join("\n")}\n\nSample stack (scrubbed):\n\n${stack}` : lines.join("\n");
}

function change(input: ProposalContent): string {
  const files = input.fix.files.map((file) => `\`${code(file)}\``).join(", ") || "none";
  const g = input.fix.guard;
  return `${inline(input.fix.summary)}\n\nFiles: ${files}. Minimal by construction: ${count(g.changedLines, "changed line")} in ${count(g.files.length, "file")}, one AST edit at the failing line that keeps the surrounding formatting; nothing else is touched.`;
}

function guard(result: GuardResult): string {
  if (result.violations.length === 0) return "Passed every rule (protected paths, size limits, secrets, dangerous code, disabled auth, suppressions, edited tests, parse check).";
  const verdict = result.passed ? (result.autoApplyAllowed ? "Passed." : "Passed, but auto-apply is not allowed:") : "Blocked:";
  const items = result.violations.map((v) => `- \`${v.rule}\`${v.file ? ` in \`${code(v.file)}\`${v.line ? `:${v.line}` : ""}` : ""}: ${inline(v.message)}`);
  return `${verdict}\n\n${items.join("\n")}`;
}

/** The sample stack as text in a fence no line inside can close. */
export function sampleStack(sample: { errorType: string; message: string; frames: StackFrame[] }): string {
  // Sentry order is oldest first; a stack reads newest first, like V8 prints it.
  const frames = [...sample.frames].reverse().slice(0, MAX_STACK_FRAMES).map((frame) => {
    const where = `${frame.file}${frame.line !== null ? `:${frame.line}` : ""}${frame.column !== null ? `:${frame.column}` : ""}`;
    return `    at ${frame.function ? `${frame.function} (${where})` : where}${frame.inApp ? "" : " [library]"}`;
  });
  const hidden = sample.frames.length > MAX_STACK_FRAMES ? [`    … ${sample.frames.length - MAX_STACK_FRAMES} more frames`] : [];
  const text = [`${sample.errorType}: ${sample.message}`, ...frames, ...hidden]
    .map((line) => neutralize(truncate(line.replace(/[\r\n\u2028\u2029]+/g, " "), 1_024)))
    .join("\n");
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/**
 * Untrusted text for a markdown line: one line, capped, with markdown and HTML specials escaped,
 * and mentions, issue references and HTML comments neutralised.
 */
export function inline(text: string): string {
  const flat = truncate(singleLine(text), MAX_INLINE_CHARS);
  return neutralize(flat.replace(/[\\`*_{}[\]()<>#|~!&]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`)));
}

/** Text inside a code span: no backticks (they would end it), nothing else needs escaping there. */
function code(text: string): string {
  return neutralize(truncate(singleLine(text), 200).replace(/`/g, "'"));
}

/**
 * Breaks what GitHub acts on even inside text: @mentions ping people (also in code blocks, for
 * some clients' notifications), `#123`/`GH-123` link issues, and `<!--` could forge our marker.
 */
function neutralize(text: string): string {
  return text
    .replace(/@/g, "@\u200b")
    .replace(/#(?=\d)/g, "#\u200b")
    .replace(/\b(GH)-(?=\d)/gi, "$1-\u200b")
    .replace(/<!--/g, "<\u200b!--")
    .replace(/-->/g, "--\u200b>");
}

function count(value: number, noun: string): string {
  const n = Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z") : "unknown";
}

function formatConfidence(confidence: number): string {
  return Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)).toFixed(2) : "unknown";
}

function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join("")}…`;
}
