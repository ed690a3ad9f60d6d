import type { StackFrame } from "../core/stack-frame.ts";
import { toRepoPath } from "../ingest/stacktrace.ts";
import type { GroupEvidence } from "../store/errors/load-group-evidence.ts";
import { type Classification, classifyError, type ErrorClass, importerFromMessage } from "./classify.ts";
import { isThirdPartyOnly, pickCulpritFrame } from "./culprit.ts";

// From a group's evidence to a diagnosis: which class of bug, where, and the facts a reviewer can
// check. Reading source is the caller's job; this decides only from the stored events.

export interface DiagnosisEvidence {
  events: number;
  users: number;
  routes: Array<{ route: string; events: number }>;
  firstSeen: string;
  lastSeen: string;
  release: string | null;
  sampleEventIds: string[];
}

export type Diagnosis =
  | {
      kind: "code-bug";
      errorClass: ErrorClass;
      classification: Extract<Classification, { kind: "code-bug" }>;
      culprit: { file: string; line: number; column: number | null; function: string | null };
      cause: string;
      /** The raw (scrubbed) message of the latest sample: untrusted text. */
      message: string;
      release: string | null;
      evidence: DiagnosisEvidence;
    }
  | {
      /** No pattern class matches, but the error comes from application code: a model may try. */
      kind: "unclassified";
      classification: Extract<Classification, { kind: "unknown" }>;
      culprit: { file: string; line: number; column: number | null; function: string | null };
      cause: string;
      message: string;
      release: string | null;
      evidence: DiagnosisEvidence;
    }
  | { kind: "not-fixable"; reason: string; evidence: DiagnosisEvidence };

export function diagnoseIncident(group: GroupEvidence): Diagnosis {
  const evidence: DiagnosisEvidence = {
    events: group.event_count,
    users: group.user_count,
    routes: group.routes,
    firstSeen: new Date(group.first_seen).toISOString(),
    lastSeen: new Date(group.last_seen).toISOString(),
    release: group.last_release,
    sampleEventIds: group.samples.map((sample) => sample.event_id),
  };
  const sample = group.samples[0];
  if (!sample) return { kind: "not-fixable", reason: "The group has no stored events to diagnose.", evidence };

  const release = sample.release ?? group.last_release;
  const thrown = diagnoseThrown({ type: sample.error_type, value: sample.message, frames: sample.frames }, release, evidence);
  if (thrown.kind === "code-bug") return thrown;
  // A wrapper (`new Error("could not load user", { cause })`) often hides the bug in its cause:
  // a known class or a network failure there decides when the wrapper itself says nothing.
  for (const linked of sample.causes ?? []) {
    const cause = diagnoseThrown(linked, release, evidence);
    if (cause.kind === "code-bug") {
      return { ...cause, cause: `${cause.cause}; it surfaced wrapped as ${truncateText(sample.error_type, 80)}: ${truncateText(sample.message, 160)}` };
    }
    if (cause.kind === "not-fixable" && cause.transient) return cause;
  }
  return thrown;
}

type ThrownDiagnosis = Diagnosis & { transient?: boolean };

function diagnoseThrown(
  error: { type: string; value: string; frames: StackFrame[] },
  release: string | null,
  evidence: DiagnosisEvidence,
): ThrownDiagnosis {
  const classification = classifyError(error.type, error.value);
  if (classification.kind === "transient") {
    return {
      kind: "not-fixable",
      reason: `Not a code bug: ${classification.reason}. Retries, timeouts or the upstream service need a person, not a patch.`,
      evidence,
      transient: true,
    };
  }
  if (classification.kind === "unknown") {
    const frame = pickCulpritFrame(error.frames);
    if (!frame || frame.line === null) {
      return { kind: "not-fixable", reason: `No fix pattern recognises this error, and no application frame points at code to read: ${classification.reason}`, evidence };
    }
    const culprit = { file: frame.file, line: frame.line, column: frame.column, function: frame.function };
    return {
      kind: "unclassified",
      classification,
      culprit,
      cause: `${error.type} thrown at ${culprit.file}:${culprit.line}${culprit.function ? ` in ${culprit.function}()` : ""}; no fix pattern recognises it (${classification.reason})`,
      message: error.value,
      release,
      evidence,
    };
  }

  const culprit = locateCulprit(classification, error.frames, error.value);
  if (!culprit) {
    const reason = isThirdPartyOnly(error.frames)
      ? "Every stack frame is in third-party code (node_modules or runtime internals); Suture does not patch dependencies."
      : "No application frame in the stack trace points at code in the repository.";
    return { kind: "not-fixable", reason, evidence };
  }
  const where = `${culprit.file}:${culprit.line}${culprit.function ? ` in ${culprit.function}()` : ""}`;
  return {
    kind: "code-bug",
    errorClass: classification.errorClass,
    classification,
    culprit,
    cause: `${classification.detail} (${where})`,
    message: error.value,
    release,
    evidence,
  };
}

function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function locateCulprit(
  classification: Extract<Classification, { kind: "code-bug" }>,
  frames: StackFrame[],
  message: string,
): { file: string; line: number; column: number | null; function: string | null } | null {
  // A module that fails to load throws before any application function runs: the importer named
  // in the message is the file to fix.
  if (classification.errorClass === "module-not-found") {
    const importer = importerFromMessage(message);
    if (importer) return { file: toRepoPath(importer), line: 1, column: null, function: null };
  }
  const frame = pickCulpritFrame(frames);
  if (!frame || frame.line === null) return null;
  return { file: frame.file, line: frame.line, column: frame.column, function: frame.function };
}
