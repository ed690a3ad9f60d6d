import type { Decision } from "../decide/policy.ts";
import type { Severity } from "../detect/severity.ts";
import type { DiagnosisEvidence } from "../diagnose/diagnose-incident.ts";
import type { FileChange } from "../fix/file-change.ts";
import type { GuardResult } from "../fix/guard/guard-changes.ts";
import type { StackFrame } from "../core/stack-frame.ts";

// The port every delivery channel implements, with every operation a mission needs: reading the
// code, building the fix branch, proposing it, following its checks and a person's decision,
// merging, and reverting. GitHub (deliver/github/) and a local git repository (deliver/local-git/)
// each implement all of it; the mission code never asks which one it has.
// Paths are repo-relative POSIX paths; refs are branch names or commit ids.

export interface BranchRequest {
  /** `suture/<short-fingerprint>-<slug>` */
  branch: string;
  /** Branch or commit the fix is based on. */
  base: string;
  changes: FileChange[];
  /** Full commit message: cause, evidence, trace id. */
  message: string;
}

export interface BranchResult {
  branch: string;
  commit: string;
}

export interface ValidationResult {
  command: string;
  passed: boolean;
  exitCode: number | null;
  durationMs: number;
  /** Last lines of combined output, for the mission record and the retry prompt. */
  outputTail: string;
}

/** What a mission keeps as its validation: a local test run in full, a platform's checks in brief. */
export type ValidationRecord = Pick<ValidationResult, "command" | "passed" | "outputTail"> & Partial<Pick<ValidationResult, "exitCode" | "durationMs">>;

/** What a proposal says about its fix: the content of a pull request's description. */
export interface ProposalContent {
  mission: { id: string; traceId: string };
  diagnosis: {
    cause: string;
    errorClass: string;
    culprit: { file: string; line: number; function: string | null };
    /** Scrubbed sample message. */
    message: string;
    evidence: DiagnosisEvidence;
  };
  fix: {
    title: string;
    summary: string;
    rootCause: string;
    files: string[];
    patternId: string | null;
    guard: GuardResult;
  };
  decision: Decision;
  reason: string;
  severity: Severity;
  confidence: number;
  risk: "low" | "medium" | "high";
  /** A scrubbed sample stack (already scrubbed at ingest): the exception and its frames, Sentry order. */
  sampleStack?: { errorType: string; message: string; frames: StackFrame[] } | null;
}

export interface ProposalRequest {
  projectId: string;
  branch: string;
  /** The fix commit the branch points at. */
  commit: string;
  base: string;
  content: ProposalContent;
  /** People asked to review a new proposal (where the forge can ask). */
  reviewers: string[];
  /** Not ready for review yet: its checks are still the validation, or no person is asked to decide. */
  draft: boolean;
}

export interface Proposal {
  /** True when this call opened it (false: it existed and was updated, or left as it was). */
  created: boolean;
  /** How a person finds it, e.g. "pull request #12"; null when the branch is all there is to name. */
  mention: string | null;
  url: string | null;
  /** Facts for the audit trail, e.g. `{ pullRequest: 12 }`. */
  data: Record<string, unknown>;
}

export interface FollowRequest {
  missionId: string;
  /** proposed: wait for a person's approval; validating: the checks alone decide. */
  needsApproval: boolean;
  /** The project's test command, for a forge whose checks run here; null when none is set. */
  testCommand: string | null;
}

/** A proposal's checks, as the mission records them and as the audit trail tells them. */
export interface ChecksReport {
  validation: ValidationRecord;
  /** e.g. "npm test passed in 812 ms", "GitHub checks failed on #12" (no final period). */
  summary: string;
  data: Record<string, unknown>;
}

/** Checks and a person's decision, folded into one answer. Checked in the order listed. */
export type ProposalProgress =
  | { kind: "merged"; commit: string }
  | { kind: "rejected"; reason: string }
  /** It no longer applies to base; the fix must be rebuilt. */
  | { kind: "conflict"; checks: ChecksReport }
  | { kind: "checks_failed"; checks: ChecksReport }
  | { kind: "waiting"; reason: string }
  /** Checks passed (null: none are configured) and, when asked for, a person approved. */
  | { kind: "ready"; checks: ChecksReport | null };

/** What a person decided about a proposal: a review on GitHub, `suture approve|reject` locally. */
export type PersonDecision =
  | { kind: "none" }
  | { kind: "approved"; by: string[] }
  | { kind: "rejected"; by: string[]; reason: string };

export interface MergeRequest {
  missionId: string;
  traceId: string;
  branch: string;
  base: string;
  /** The fix's title, for the merge commit. */
  title: string;
  /** policy: the policy allows it on its own (auto_apply); person: a person approved it. */
  by: "policy" | "person";
}

export type MergeOutcome =
  | { merged: true; commit: string }
  /**
   * held: not attempted, the forge merges only with a person's yes; otherwise the platform
   * refused. `note` completes the decision's reason: "GitHub refused the merge (…); …".
   */
  | { merged: false; held: boolean; note: string; data: Record<string, unknown> };

export interface RevertRequest {
  missionId: string;
  traceId: string;
  mergeCommit: string;
  base: string;
  /** The reverted fix's title. */
  title: string;
  /** Why (the monitor's verdict; it quotes production error text, which is untrusted). */
  reason: string;
}

/** reverted, or held (the forge reverts only with a person's yes); a revert that cannot land throws. */
export type RevertOutcome = { kind: "reverted"; commit: string } | { kind: "held" };

export type RevertProgress = { kind: "reverted"; commit: string; summary: string; data: Record<string, unknown> } | { kind: "pending" };

export interface Forge {
  /** Commit id for a ref, or null when the ref is unknown to the repository. */
  resolveRef(ref: string): Promise<string | null>;
  /** File contents at a ref, or null when the file does not exist there. */
  readFile(path: string, ref: string): Promise<string | null>;
  /** Every tracked file at a ref. */
  listFiles(ref: string): Promise<string[]>;
  /** Create or update the fix branch with exactly one commit on top of base. Idempotent. */
  ensureBranch(request: BranchRequest): Promise<BranchResult>;
  /** Open or update the fix's proposal (a pull request; a recorded proposal). Idempotent. */
  propose(request: ProposalRequest): Promise<Proposal>;
  /** Where the mission's proposal stands: its checks and a person's decision, as one answer. */
  follow(request: FollowRequest): Promise<ProposalProgress>;
  /** What a person decided about the mission's proposal. */
  decision(missionId: string): Promise<PersonDecision>;
  /** Merge the mission's proposal into its base; a refusal is an outcome, not an error. */
  merge(request: MergeRequest): Promise<MergeOutcome>;
  /** Revert a merged fix on its base branch. */
  revert(request: RevertRequest): Promise<RevertOutcome>;
  /** A revert that did not land at once (waiting on people or protection): has it landed now? */
  followRevert(request: { mergeCommit: string }): Promise<RevertProgress>;
}

/** A project's forge and the branch its fixes are based on and merged into. */
export interface ProjectForge {
  forge: Forge;
  baseBranch: string;
}
