import { buildCommitMessage } from "../deliver/commit-message.ts";
import { fixBranchName } from "../deliver/branch-name.ts";
import type { Forge } from "../deliver/forge.ts";
import { changedLinesByFile, fixTitle } from "../fix/describe-fix.ts";
import { guardChanges, type GuardResult } from "../fix/guard/guard-changes.ts";
import type { ModelFixOutcome } from "../fix/model/model-fixer.ts";
import type { FixCandidate } from "../fix/fix-candidate.ts";
import type { SourceReader } from "../fix/fix-context.ts";
import { generateFixCandidates, patternLibrary } from "../fix/pattern-library.ts";
import { loadGroupEvidence } from "../store/errors/load-group-evidence.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import type { MissionStepDeps } from "./mission-context.ts";
import { type FailedAttempt, type StoredDiagnosis, storedDiagnosis, type StoredFix } from "./mission-records.ts";
import { audit, finish, needsHuman, transition } from "./mission-transitions.ts";

// fixing → validating: the pattern library's candidates in order, then a model's (when one is
// configured), each through the guard; the first that passes gets its one-commit fix branch.

/** A model is unavailable for now (API down, day's budget spent): the step is retried next tick. */
export class ModelUnavailableError extends Error {
  readonly code = "MODEL_UNAVAILABLE";
  constructor(reason: string) {
    super(reason);
    this.name = "ModelUnavailableError";
  }
}

export async function buildFix(deps: MissionStepDeps, mission: MissionRow): Promise<MissionRow> {
  const diagnosis = storedDiagnosis(mission);
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
      fix,
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
  const withAttempts = (failedAttempts: FailedAttempt[]): StoredDiagnosis => ({ ...diagnosis, failedAttempts });

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
