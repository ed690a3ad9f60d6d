import type { HealingSettings } from "../config/healing-config.ts";
import { coerceError, errorCode } from "../core/errors.ts";
import { decideFix } from "../decide/policy.ts";
import { fixBranchName } from "../deliver/branch-name.ts";
import { buildCommitMessage } from "../deliver/commit-message.ts";
import type { Forge, ValidationResult } from "../deliver/forge.ts";
import type { Diagnosis } from "../diagnose/diagnose-incident.ts";
import { diagnoseIncident } from "../diagnose/diagnose-incident.ts";
import { assessRisk, changedLinesByFile, fixTitle } from "../fix/describe-fix.ts";
import { guardChanges, type GuardResult } from "../fix/guard/guard-changes.ts";
import type { ModelFixOutcome } from "../fix/model/model-fixer.ts";
import type { FixCandidate } from "../fix/fix-candidate.ts";
import { generateFixCandidates, patternLibrary } from "../fix/pattern-library.ts";
import type { SourceReader } from "../fix/fix-context.ts";
import { combineConfidence } from "../learn/pattern-confidence.ts";
import { recordDeployment } from "../store/deployments/record-deployment.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import { countFixLoad } from "../store/missions/count-fix-load.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionPatch } from "../store/missions/update-mission.ts";
import type { PatternStatsRow } from "../store/patterns/load-pattern-stats.ts";
import type { HealContext, ProjectForge } from "./heal-context.ts";
import { decideMission, retryAfterFailedValidation, startWatching } from "./decide-mission.ts";
import type { FailedAttempt, StoredDiagnosis, StoredFix } from "./mission-records.ts";
import { audit, finish, needsHuman, transition } from "./mission-transitions.ts";
import { followFixPullRequest, followProposedPullRequest } from "./pull-request-flow.ts";

// One step of a mission's state machine per call: detected → diagnosing → fixing → validating →
// proposed | applied → watching (judged by the deployment monitor), or a terminal state with a
// reason. Every transition is written with its audit event in one transaction, under the lease.
// A step with nothing to do yet (a pull request's checks still running) returns the very mission
// object it was given; the caller then waits for a later tick.

export interface MissionProject {
  id: string;
  repo: string | null;
  default_branch: string;
  paused: boolean;
  settings: HealingSettings;
}

export interface MissionStepDeps {
  ctx: HealContext;
  project: MissionProject;
  forge: ProjectForge;
  patternStats: Map<string, PatternStatsRow>;
  /** Epoch ms: the cycle's deadline (bounds model retries). */
  deadline: number;
}

/** A model is unavailable for now (API down, day's budget spent): the step is retried next tick. */
export class ModelUnavailableError extends Error {
  readonly code = "MODEL_UNAVAILABLE";
  constructor(reason: string) {
    super(reason);
    this.name = "ModelUnavailableError";
  }
}


export async function advanceMission(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  switch (mission.state) {
    case "detected":
      return transition(deps, mission, "diagnosing", {}, "mission.diagnosing", "Diagnosis started.");
    case "diagnosing":
      return diagnose(deps, mission);
    case "fixing":
      return buildFix(deps, mission);
    case "validating":
      return validateAndDecide(deps, mission);
    case "proposed":
      return deps.forge.github ? followProposedPullRequest(deps, mission) : mission;
    default:
      return mission;
  }
}

async function diagnose(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const evidence = await loadGroupEvidence(deps.ctx.sql, mission.detected_error_id);
  if (!evidence) return needsHuman(deps, mission, "The error group no longer exists.", {});
  const diagnosis = diagnoseIncident(evidence);
  if (diagnosis.kind === "not-fixable") {
    return needsHuman(deps, mission, diagnosis.reason, { diagnosis: { ...diagnosis } });
  }
  if (diagnosis.kind === "unclassified" && !deps.ctx.modelFixer) {
    return needsHuman(
      deps,
      mission,
      `No fix pattern recognises this error (${diagnosis.classification.reason}) and no model is configured (ANTHROPIC_API_KEY); a person should look at ${diagnosis.culprit.file}:${diagnosis.culprit.line}.`,
      { diagnosis: { ...diagnosis } },
    );
  }
  const { forge } = deps.forge;
  const source = await resolveSourceCommit(forge, diagnosis.release, deps.forge.baseBranch);
  if (!source) {
    return needsHuman(deps, mission, `The base branch ${deps.forge.baseBranch} does not exist in the repository.`, {});
  }
  const content = await forge.readFile(diagnosis.culprit.file, source.commit);
  if (content === null) {
    return needsHuman(
      deps,
      mission,
      `The culprit file ${diagnosis.culprit.file} is not in the repository at ${source.ref}; the stack trace may come from build output.`,
      { diagnosis: { ...diagnosis, sourceCommit: source.commit, sourceRef: source.ref } },
    );
  }
  const stored: StoredDiagnosis = { ...diagnosis, sourceCommit: source.commit, sourceRef: source.ref };
  return transition(deps, mission, "fixing", { diagnosis: stored as unknown as Record<string, unknown> }, "mission.diagnosed", diagnosis.cause, {
    errorClass: diagnosis.kind === "code-bug" ? diagnosis.errorClass : null,
    culprit: diagnosis.culprit,
    sourceRef: source.ref,
    evidence: diagnosis.evidence,
  });
}

async function buildFix(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const diagnosis = mission.diagnosis as unknown as StoredDiagnosis;
  const { settings } = deps.project;
  const { forge, baseBranch } = deps.forge;
  if (mission.attempts >= settings.limits.maxAttempts) {
    return needsHuman(deps, mission, `No fix passed after ${mission.attempts} attempts.`, {});
  }
  const baseCommit = await forge.resolveRef(baseBranch);
  if (!baseCommit) return needsHuman(deps, mission, `The base branch ${baseBranch} does not exist in the repository.`, {});
  const reader = cachedReader(forge, baseCommit);
  const source = await reader.readFile(diagnosis.culprit.file);
  if (source === null) {
    return needsHuman(deps, mission, `${diagnosis.culprit.file} no longer exists on ${baseBranch}; the bug may already be fixed there.`, {});
  }
  const library = diagnosis.kind === "code-bug"
    ? await generateFixCandidates({
        classification: diagnosis.classification,
        culprit: diagnosis.culprit,
        source,
        repo: reader,
        message: diagnosis.message,
      })
    : [];

  // Library candidates first, in order; a model (when configured) takes over once they run out.
  let attempts = mission.attempts;
  const failedAttempts = [...(diagnosis.failedAttempts ?? [])];
  let lastGuard: { candidate: FixCandidate; guard: GuardResult } | null = null;
  while (attempts < library.length && attempts < settings.limits.maxAttempts) {
    const candidate = library[attempts]!;
    attempts += 1;
    const built = await tryCandidate(deps, mission, diagnosis, candidate, baseCommit, attempts, null);
    if (built.kind === "built") return built.mission;
    lastGuard = { candidate, guard: built.guard };
    failedAttempts.push({ summary: candidate.summary, failure: describeGuard(built.guard) });
  }
  if (deps.ctx.modelFixer && attempts < settings.limits.maxAttempts) {
    return fixWithModel(deps, mission, diagnosis, { reader, baseCommit, attempts, failedAttempts, libraryTried: library.length > 0 });
  }
  if (lastGuard) {
    const blocking = lastGuard.guard.violations.find((violation) => violation.blocking);
    return finish(deps, mission, "rejected", {
      attempts,
      pattern_id: lastGuard.candidate.patternId,
      decision: "rejected",
      decision_reason: `The guard rejected every candidate fix (${blocking?.rule ?? "guard"}: ${blocking?.message ?? "blocked"}).`,
    }, "incident");
  }
  if (library.length === 0 && attempts === 0) {
    const what = diagnosis.kind === "code-bug" ? diagnosis.errorClass : "this error";
    return needsHuman(
      deps,
      mission,
      `No fix pattern fits the code at ${diagnosis.culprit.file}:${diagnosis.culprit.line} for ${what}; declining rather than guessing.`,
      { pattern_id: null },
    );
  }
  return needsHuman(deps, mission, `No fix passed after ${attempts} attempts.`, { attempts });
}

type CandidateResult = { kind: "built"; mission: MissionRow } | { kind: "guard_rejected"; guard: GuardResult };

/** Guards one candidate and, when it passes, builds its branch and moves the mission to validating. */
async function tryCandidate(
  deps: MissionStepDeps,
  mission: MissionRow,
  diagnosis: StoredDiagnosis,
  candidate: FixCandidate,
  baseCommit: string,
  attempts: number,
  modelConfidence: number | null,
): Promise<CandidateResult> {
  const { settings } = deps.project;
  const guard = guardChanges(candidate.changes, {
    protectedPaths: settings.protectedPaths,
    maxChangedLines: settings.limits.maxChangedLines,
    maxFiles: settings.limits.maxFiles,
  });
  if (!guard.passed) {
    await audit(deps, mission, "fix.guard_rejected", `The guard rejected a ${candidate.patternId} candidate.`, {
      pattern: candidate.patternId,
      violations: guard.violations,
    });
    return { kind: "guard_rejected", guard };
  }
  const title = fixTitle(candidate, diagnosis.culprit.file, diagnosis.culprit.function);
  const branch = fixBranchName(mission.fingerprint, title);
  const result = await deps.forge.forge.ensureBranch({
    branch,
    base: baseCommit,
    changes: candidate.changes,
    message: buildCommitMessage({
      title,
      cause: candidate.rootCause,
      evidence: {
        events: diagnosis.evidence.events,
        users: diagnosis.evidence.users,
        routes: diagnosis.evidence.routes.map((route) => route.route),
        firstSeen: new Date(diagnosis.evidence.firstSeen),
        lastSeen: new Date(diagnosis.evidence.lastSeen),
        release: diagnosis.evidence.release,
      },
      change: candidate.summary,
      confidence: candidate.baseConfidence,
      traceId: mission.trace_id,
      missionId: mission.id,
      patternId: candidate.patternId,
    }),
  });
  const fix: StoredFix = {
    title,
    summary: candidate.summary,
    rootCause: candidate.rootCause,
    style: candidate.style,
    baseConfidence: candidate.baseConfidence,
    files: guard.files,
    changedLines: changedLinesByFile(candidate),
    guard,
    base: deps.forge.baseBranch,
    baseCommit,
    changes: candidate.changes,
    modelConfidence,
  };
  const built = await transition(
    deps,
    mission,
    "validating",
    {
      fix: fix as unknown as Record<string, unknown>,
      attempts,
      pattern_id: candidate.patternId,
      branch: result.branch,
      commit_sha: result.commit,
      fixed_at: deps.ctx.now(),
      validation: null,
    },
    "fix.branch_created",
    `${candidate.summary} Branch ${result.branch} at ${result.commit.slice(0, 12)}.`,
    { pattern: candidate.patternId, branch: result.branch, commit: result.commit, changedLines: guard.changedLines, files: guard.files },
  );
  return { kind: "built", mission: built };
}

/** One model attempt: a candidate goes through the same guard and validation as a pattern's. */
async function fixWithModel(
  deps: MissionStepDeps,
  mission: MissionRow,
  diagnosis: StoredDiagnosis,
  state: { reader: SourceReader; baseCommit: string; attempts: number; failedAttempts: FailedAttempt[]; libraryTried: boolean },
): Promise<MissionRow> {
  const group = await loadGroupEvidence(deps.ctx.sql, mission.detected_error_id);
  if (!group) return needsHuman(deps, mission, "The error group no longer exists.", {});
  const nearMiss = diagnosis.kind === "code-bug"
    ? patternLibrary.filter((pattern) => pattern.errorClass === diagnosis.errorClass).map((pattern) => pattern.id)
    : [];
  const outcome: ModelFixOutcome = await deps.ctx.modelFixer!({
    projectId: deps.project.id,
    missionId: mission.id,
    group,
    culprit: diagnosis.culprit,
    classification: diagnosis.classification,
    repo: state.reader,
    nearMissPatterns: nearMiss,
    previousAttempts: state.failedAttempts,
    deadline: deps.deadline,
    settings: deps.project.settings,
  });
  const attempts = state.attempts + 1;
  const withAttempts = (failedAttempts: FailedAttempt[]) =>
    ({ ...diagnosis, failedAttempts } as unknown as Record<string, unknown>);

  switch (outcome.kind) {
    case "candidate": {
      const built = await tryCandidate(deps, mission, diagnosis, outcome.candidate, state.baseCommit, attempts, outcome.modelConfidence);
      if (built.kind === "built") return built.mission;
      const failedAttempts = [...state.failedAttempts, { summary: outcome.candidate.summary, failure: describeGuard(built.guard) }];
      return transition(deps, mission, "fixing", { attempts, diagnosis: withAttempts(failedAttempts), pattern_id: outcome.candidate.patternId },
        "fix.retry", `The guard rejected the model's fix (attempt ${attempts}); ${describeGuard(built.guard)}`);
    }
    case "failed_attempt": {
      const failedAttempts = [...state.failedAttempts, { summary: "model answer", failure: outcome.reason }];
      return transition(deps, mission, "fixing", { attempts, diagnosis: withAttempts(failedAttempts) },
        "fix.retry", `The model's attempt ${attempts} failed: ${outcome.reason}`, { usage: outcome.usage });
    }
    case "not_fixable":
      return needsHuman(deps, mission, `The model judged this not fixable in code: ${outcome.reason}`, { attempts });
    case "unavailable":
      if (outcome.cause === "api_unavailable" || outcome.cause === "daily_budget") throw new ModelUnavailableError(outcome.reason);
      return needsHuman(deps, mission, `No model fix: ${outcome.reason}`, {});
  }
}

function describeGuard(guard: GuardResult): string {
  const blocking = guard.violations.filter((violation) => violation.blocking);
  return blocking.map((violation) => `${violation.rule}: ${violation.message}`).join("; ") || "the guard refused it";
}

async function validateAndDecide(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const fix = mission.fix as unknown as StoredFix;
  // On GitHub the pull request's checks are the validation, and reviews the approval.
  if (deps.forge.github) return followFixPullRequest(deps, mission, fix);
  const command = deps.project.settings.testCommand;
  let validation: ValidationResult | null = null;
  if (command && deps.forge.validate) {
    validation = await deps.forge.validate(mission.branch!, fix.base, command);
    await audit(deps, mission, validation.passed ? "validation.passed" : "validation.failed",
      `${command} ${validation.passed ? "passed" : "failed"} in ${Math.round(validation.durationMs)} ms.`,
      { command, exitCode: validation.exitCode, durationMs: validation.durationMs });
  }
  if (validation && !validation.passed) return retryAfterFailedValidation(deps, mission, fix, validation);

  const { policy, decided } = await decideMission(deps, mission, fix, validation);
  if (policy.decision === "needs_human" || policy.decision === "rejected") {
    return finish(deps, mission, policy.decision, decided, "incident");
  }
  if (policy.decision === "pull_request" || !deps.ctx.allowMerge) {
    const reason = policy.decision === "auto_apply"
      ? `${policy.reason} Not merged: the local forge merges only when asked to (--merge).`
      : policy.reason;
    return transition(deps, mission, "proposed", { ...decided, decision_reason: reason }, "fix.proposed", reason, {
      branch: mission.branch,
      confidence: decided.confidence,
      risk: decided.risk,
    }, "fixing");
  }
  return mergeLocally(deps, mission, fix, decided);
}

async function mergeLocally(deps: MissionStepDeps, mission: MissionRow, fix: StoredFix, decided: MissionPatch): Promise<MissionRow> {
  let mergeCommit: string;
  try {
    const merged = await deps.forge.forge.merge(mission.branch!, fix.base, `Merge ${mission.branch}: ${fix.title}\n\nSuture-Trace: ${mission.trace_id}\n`);
    mergeCommit = merged.commit;
  } catch (error) {
    // The fix stays available for a person; a merge refusal is not a failed fix.
    const reason = `${decided.decision_reason} The merge was refused (${errorCode(error) ?? "error"}: ${coerceError(error).message}); the branch is left for review.`;
    return transition(deps, mission, "proposed", { ...decided, decision_reason: reason }, "fix.merge_refused", reason, {}, "fixing");
  }
  return startWatching(deps, mission, fix, decided, mergeCommit);
}

async function resolveSourceCommit(forge: Forge, release: string | null, baseBranch: string): Promise<{ commit: string; ref: string } | null> {
  // A release that names a commit (sha or tag) in the repository is the code that threw.
  if (release && /^[\w./-]{1,100}$/.test(release) && !release.startsWith("-")) {
    const commit = await forge.resolveRef(release);
    if (commit) return { commit, ref: release };
  }
  const head = await forge.resolveRef(baseBranch);
  return head ? { commit: head, ref: baseBranch } : null;
}

function cachedReader(forge: Forge, commit: string): SourceReader {
  const files = new Map<string, Promise<string | null>>();
  let listing: Promise<string[]> | null = null;
  return {
    readFile(path) {
      let pending = files.get(path);
      if (!pending) {
        pending = forge.readFile(path, commit);
        files.set(path, pending);
      }
      return pending;
    },
    listFiles() {
      listing ??= forge.listFiles(commit);
      return listing;
    },
  };
}
