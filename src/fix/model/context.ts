import type { Classification } from "../../diagnose/classify.ts";
import { isThirdPartyFrame } from "../../diagnose/culprit.ts";
import type { StackFrame } from "../../core/stack-frame.ts";
import type { GroupEvidence } from "../../store/errors/load-group-evidence.ts";
import { isTestPath, outsideRepoProblem } from "../guard/fix-paths.ts";
import { parseSource } from "../parse-source.ts";
import type { SourceReader } from "../fix-context.ts";
import { dirnameOf } from "../posix-path.ts";
import { capText, untrustedBlock } from "./untrusted.ts";

// The bounded context one model call sees: the group's facts, up to three scrubbed samples, the
// application frames with ±20 lines of source read at the fix's base commit, the culprit file's
// imports, nearby files and tests, the patterns that nearly fit, and earlier failed attempts.
// Everything that came from production traffic or the repository is inside an untrusted block.

export const MAX_SAMPLES = 3;
export const WINDOW_LINES = 20;
export const MAX_FRAME_WINDOWS = 6;
export const MAX_IMPORTS = 30;
export const MAX_LAYOUT_FILES = 40;
export const MAX_ROUTES = 5;
export const MAX_PREVIOUS_ATTEMPTS = 3;
/** Messages are capped like Sentry caps lines (MAX_LINE_LENGTH): longer text is attacker padding. */
const MAX_MESSAGE_CHARS = 1_024;
const MAX_SOURCE_LINE_CHARS = 400;
const MAX_FAILURE_CHARS = 2_000;
const MAX_TEST_EXAMPLE_LINES = 40;
/** About 20k tokens at 3 characters per token: the whole prompt stays well inside the mission budget. */
export const MAX_PROMPT_CHARS = 60_000;

export interface ModelCulprit {
  file: string;
  line: number;
  column: number | null;
  function: string | null;
}

export interface ModelContextInput {
  group: GroupEvidence;
  culprit: ModelCulprit | null;
  classification: Classification;
  /** The repository at the commit the fix is based on. */
  repo: SourceReader;
  /** Ids of library patterns for this error class that declined the code. */
  nearMissPatterns: string[];
  /** Earlier failed attempts of this mission: what was tried, and the validation output tail or guard violation. */
  previousAttempts: Array<{ summary: string; failure: string }>;
}

export interface ModelContext {
  /** The user message. */
  prompt: string;
  /** Application frames whose file exists in the repository, culprit first. */
  frames: Array<{ file: string; line: number; function: string | null }>;
  /** Repository files whose source the prompt shows. */
  shownFiles: string[];
}

interface SourceWindow {
  file: string;
  line: number;
  function: string | null;
  text: string;
}

export async function assembleModelContext(input: ModelContextInput): Promise<ModelContext> {
  const frames = await applicationFrames(input);
  const windows: SourceWindow[] = [];
  for (const frame of frames.slice(0, MAX_FRAME_WINDOWS)) {
    const source = await input.repo.readFile(frame.file);
    if (source === null) continue;
    windows.push({ ...frame, text: sourceWindow(source, frame.line) });
  }
  const culpritFile = input.culprit && (await input.repo.readFile(input.culprit.file)) !== null ? input.culprit.file : frames[0]?.file ?? null;
  const culpritSource = culpritFile ? await input.repo.readFile(culpritFile) : null;
  const imports = culpritFile && culpritSource !== null ? importStatements(culpritFile, culpritSource) : [];
  const layout = culpritFile ? await repositoryLayout(input.repo, culpritFile) : { files: [], testExample: null };

  const head = [
    "Diagnose the production error group below and, if a small safe change fixes it, propose the fix by calling the tool.",
    input.culprit
      ? `Suture's stack analysis puts the culprit at ${safePath(input.culprit.file)}:${input.culprit.line}${input.culprit.function ? ` in ${safeName(input.culprit.function)}` : ""}.`
      : "Suture's stack analysis found no single culprit frame; use the application frames shown.",
    `Suture's classifier says: ${describeClassification(input.classification)}.`,
    input.nearMissPatterns.length > 0
      ? `Suture's deterministic fix patterns that were considered but did not fit this code: ${input.nearMissPatterns.slice(0, 10).map(safeName).join(", ")}.`
      : "No deterministic fix pattern applies to this error.",
  ].join("\n");

  const sections: string[] = [head];
  sections.push(`## Error group\n${untrustedBlock("error_group", JSON.stringify(groupSummary(input.group), null, 2))}`);
  sections.push(
    `## Recent samples (newest first, scrubbed)\n${input.group.samples
      .slice(0, MAX_SAMPLES)
      .map((sample, index) => untrustedBlock(`sample_${index + 1}`, JSON.stringify(sampleSummary(sample), null, 2)))
      .join("\n")}`,
  );
  if (imports.length > 0 && culpritFile) {
    sections.push(`## Imports of ${safePath(culpritFile)}\n${untrustedBlock(`imports:${culpritFile}`, imports.join("\n"))}`);
  }
  if (layout.files.length > 0) {
    sections.push(`## Files near the culprit and the repository's tests\n${untrustedBlock("repository_files", layout.files.join("\n"))}`);
  }
  if (layout.testExample) {
    sections.push(
      `## The start of an existing test file, for its conventions\n${untrustedBlock(`test_example:${layout.testExample.path}`, layout.testExample.text)}`,
    );
  }
  const attempts = input.previousAttempts.slice(-MAX_PREVIOUS_ATTEMPTS);
  if (attempts.length > 0) {
    sections.push(
      `## Earlier attempts that failed (do not repeat them)\n${attempts
        .map((attempt, index) =>
          untrustedBlock(`previous_attempt_${index + 1}`, `summary: ${capText(attempt.summary, 500)}\nfailure:\n${tail(attempt.failure, MAX_FAILURE_CHARS)}`),
        )
        .join("\n")}`,
    );
  }

  // Source windows go last and are dropped from the far end when the prompt would be too long.
  const fixedLength = sections.reduce((sum, section) => sum + section.length + 2, 0);
  const shown: SourceWindow[] = [];
  let length = fixedLength;
  for (const window of windows) {
    const block = renderWindow(window);
    if (shown.length > 0 && length + block.length > MAX_PROMPT_CHARS) break;
    shown.push(window);
    length += block.length + 2;
  }
  if (shown.length > 0) {
    sections.push(`## Application source at the stack frames (line-number gutter is not part of the file)\n${shown.map(renderWindow).join("\n")}`);
  }
  return {
    prompt: sections.join("\n\n"),
    frames,
    shownFiles: [...new Set(shown.map((window) => window.file))],
  };
}

async function applicationFrames(input: ModelContextInput): Promise<Array<{ file: string; line: number; function: string | null }>> {
  const seen = new Set<string>();
  const frames: Array<{ file: string; line: number; function: string | null }> = [];
  const push = async (frame: { file: string; line: number | null; function: string | null }) => {
    if (frame.line === null || frame.line < 1) return;
    const key = `${frame.file}:${frame.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (outsideRepoProblem(frame.file) !== null) return;
    if ((await input.repo.readFile(frame.file)) === null) return;
    frames.push({ file: frame.file, line: frame.line, function: frame.function });
  };
  if (input.culprit) await push(input.culprit);
  for (const sample of input.group.samples.slice(0, MAX_SAMPLES)) {
    // Sentry order: the throwing frame is last.
    for (const frame of [...sample.frames].reverse()) {
      if (isThirdPartyFrame(frame)) continue;
      await push(frame);
      if (frames.length >= MAX_FRAME_WINDOWS * 2) return frames;
    }
  }
  return frames;
}

function sourceWindow(source: string, line: number): string {
  const lines = source.split(/\r?\n/);
  const from = Math.max(1, line - WINDOW_LINES);
  const to = Math.min(lines.length, line + WINDOW_LINES);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const text = capText(lines[n - 1] ?? "", MAX_SOURCE_LINE_CHARS);
    out.push(`${String(n).padStart(width)}${n === line ? ">" : " "}| ${text}`);
  }
  return out.join("\n");
}

function renderWindow(window: SourceWindow): string {
  const where = `${window.file} around line ${window.line}${window.function ? ` (${safeName(window.function)})` : ""}`;
  return untrustedBlock(`source:${window.file}:${window.line}`, `file: ${where}\n${window.text}`);
}

/** The culprit file's import declarations (and top-level requires), verbatim and bounded. */
export function importStatements(path: string, source: string): string[] {
  try {
    const ast = parseSource(path, source);
    const statements: string[] = [];
    for (const node of ast.program.body) {
      if (statements.length >= MAX_IMPORTS) break;
      const isImport = node.type === "ImportDeclaration" || (node.type === "ExportNamedDeclaration" && node.source) || node.type === "ExportAllDeclaration";
      const isRequire = node.type === "VariableDeclaration" && /\brequire\s*\(/.test(source.slice(node.start ?? 0, node.end ?? 0));
      if (!isImport && !isRequire) continue;
      statements.push(capText(source.slice(node.start ?? 0, node.end ?? 0), 300));
    }
    return statements;
  } catch {
    // A file that does not parse still shows its import lines.
    return source
      .split(/\r?\n/)
      .filter((line) => /^\s*import\b|\brequire\s*\(/.test(line))
      .slice(0, MAX_IMPORTS)
      .map((line) => capText(line, 300));
  }
}

async function repositoryLayout(repo: SourceReader, culpritFile: string): Promise<{ files: string[]; testExample: { path: string; text: string } | null }> {
  const all = (await repo.listFiles()).filter((path) => outsideRepoProblem(path) === null);
  const dir = dirnameOf(culpritFile);
  const siblings = all.filter((path) => dirnameOf(path) === dir);
  const tests = all.filter(isTestPath);
  const files = [...new Set([...siblings, ...tests])].slice(0, MAX_LAYOUT_FILES);
  // A test that already imports the culprit module shows how to test it; else any test.
  const stem = culpritFile.slice(culpritFile.lastIndexOf("/") + 1).replace(/\.[^.]+$/, "");
  let example: string | null = null;
  for (const test of tests.slice(0, 20)) {
    const text = await repo.readFile(test);
    if (text === null) continue;
    if (example === null) example = test;
    if (text.includes(`/${stem}`)) {
      example = test;
      break;
    }
  }
  if (!example) return { files, testExample: null };
  const text = (await repo.readFile(example)) ?? "";
  const head = text.split(/\r?\n/).slice(0, MAX_TEST_EXAMPLE_LINES).map((line) => capText(line, MAX_SOURCE_LINE_CHARS)).join("\n");
  return { files, testExample: { path: example, text: head } };
}

function groupSummary(group: GroupEvidence): Record<string, unknown> {
  return {
    error_type: capText(group.error_type, 200),
    message_pattern: capText(group.normalized_message, MAX_MESSAGE_CHARS),
    events: group.event_count,
    users: group.user_count,
    first_seen: new Date(group.first_seen).toISOString(),
    last_seen: new Date(group.last_seen).toISOString(),
    release: group.last_release,
    routes: group.routes.slice(0, MAX_ROUTES).map((route) => ({ route: capText(route.route, 300), events: route.events })),
  };
}

function sampleSummary(sample: GroupEvidence["samples"][number]): Record<string, unknown> {
  return {
    occurred_at: new Date(sample.occurred_at).toISOString(),
    error_type: capText(sample.error_type, 200),
    message: capText(sample.message, MAX_MESSAGE_CHARS),
    release: sample.release,
    request: sample.request_route ? `${sample.request_method ?? ""} ${capText(sample.request_route, 300)}`.trim() : null,
    // Throwing frame first; at most 15 so a deep stack cannot crowd out the source.
    stack: [...sample.frames].reverse().slice(0, 15).map(frameLine),
  };
}

function frameLine(frame: StackFrame): string {
  const where = `${capText(frame.file, 300)}:${frame.line ?? "?"}${frame.column !== null ? `:${frame.column}` : ""}`;
  return `${frame.function ? `${capText(frame.function, 200)} ` : ""}${where}${isThirdPartyFrame(frame) ? " (third-party)" : ""}`;
}

function describeClassification(classification: Classification): string {
  if (classification.kind === "code-bug") return `a code bug of class ${classification.errorClass}`;
  if (classification.kind === "transient") return "a transient failure (network, upstream or timeout)";
  return "no known error class";
}

/** Names and paths from stack frames go outside data blocks only as plain identifiers. */
function safeName(name: string): string {
  return name.replace(/[^\w$.:-]/g, "_").slice(0, 120);
}

function safePath(path: string): string {
  return path.replace(/[^\w$./@+-]/g, "_").slice(0, 300);
}

function tail(text: string, max: number): string {
  return text.length <= max ? text : `[… ${text.length - max} earlier characters cut]\n${text.slice(-max)}`;
}
