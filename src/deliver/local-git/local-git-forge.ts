import { coerceError, errorCode } from "../../core/errors.ts";
import { loadLocalProposal } from "../../store/local-git/load-local-proposal.ts";
import type { LocalProposalRow } from "../../store/local-git/local-proposal-row.ts";
import { recordLocalChecks } from "../../store/local-git/record-local-checks.ts";
import { recordLocalProposal } from "../../store/local-git/record-local-proposal.ts";
import type { Sql } from "../../store/sql.ts";
import { buildRevertMessage } from "../commit-message.ts";
import type {
  ChecksReport,
  FollowRequest,
  Forge,
  MergeOutcome,
  MergeRequest,
  PersonDecision,
  Proposal,
  ProposalProgress,
  ProposalRequest,
  RevertOutcome,
  RevertRequest,
  ValidationRecord,
} from "../forge.ts";
import { validationRecordSchema } from "../validation-record.ts";
import { LocalGitError } from "./errors.ts";
import type { LocalGitRepository } from "./local-git-repository.ts";

// The Forge on a git repository on this machine. A proposal is the fix branch plus a row in
// healing.local_proposals. Its checks are the local validation: the project's test command run in
// a worktree of the fix branch, once per commit (the result is kept on the row). A person
// approves or rejects it with `suture approve|reject <mission>`. Merging what the policy allows on
// its own, and reverting a regression, need the operator's yes (`--merge`); a person's approval
// is that yes for the one fix approved.

export interface LocalGitForgeOptions {
  repository: LocalGitRepository;
  sql: Sql;
  /** Merge (and revert) what the policy allows without a person's approval: `--merge`. */
  allowMerge: boolean;
}

export function createLocalGitForge(options: LocalGitForgeOptions): Forge {
  const { repository, sql, allowMerge } = options;

  async function propose(request: ProposalRequest): Promise<Proposal> {
    const { created } = await recordLocalProposal(sql, {
      missionId: request.content.mission.id,
      projectId: request.projectId,
      branch: request.branch,
      headCommit: request.commit,
      baseBranch: request.base,
      title: request.content.fix.title,
    });
    return { created, mention: null, url: null, data: { branch: request.branch } };
  }

  async function follow(request: FollowRequest): Promise<ProposalProgress> {
    const proposal = await loadLocalProposal(sql, request.missionId);
    if (!proposal) return { kind: "waiting", reason: "No proposal is recorded for this mission yet." };
    if (proposal.decision === "rejected") return { kind: "rejected", reason: rejectionReason(proposal) };
    const checks = await checksOf(proposal, request.testCommand);
    if (checks && !checks.validation.passed) return { kind: "checks_failed", checks };
    if (request.needsApproval && proposal.decision !== "approved") {
      return {
        kind: "waiting",
        reason: `Waiting for a person: \`suture approve ${proposal.mission_id}\` merges it, \`suture reject ${proposal.mission_id} --reason "…"\` closes it.`,
      };
    }
    return { kind: "ready", checks };
  }

  /** The checks of the proposal's commit: kept from an earlier run, or run now and kept. */
  async function checksOf(proposal: LocalProposalRow, testCommand: string | null): Promise<ChecksReport | null> {
    const kept = proposal.checks_commit === proposal.head_commit && (testCommand === null || proposal.checks_command === testCommand);
    if (kept) return proposal.validation === null ? null : checksReport(parseKeptValidation(proposal));
    if (testCommand === null) {
      await recordLocalChecks(sql, { missionId: proposal.mission_id, commit: proposal.head_commit, command: null, validation: null });
      return null;
    }
    const validation = await repository.validate(proposal.branch, proposal.base_branch, testCommand);
    await recordLocalChecks(sql, { missionId: proposal.mission_id, commit: proposal.head_commit, command: testCommand, validation: { ...validation } });
    return checksReport(validation);
  }

  async function decision(missionId: string): Promise<PersonDecision> {
    const proposal = await loadLocalProposal(sql, missionId);
    if (!proposal?.decision) return { kind: "none" };
    const by = [proposal.decided_by ?? "a person"];
    return proposal.decision === "approved" ? { kind: "approved", by } : { kind: "rejected", by, reason: rejectionReason(proposal) };
  }

  async function merge(request: MergeRequest): Promise<MergeOutcome> {
    if (request.by === "policy" && !allowMerge) {
      return { merged: false, held: true, note: "Not merged: the local forge merges only when asked to (--merge).", data: {} };
    }
    try {
      const merged = await repository.merge(request.branch, request.base, `Merge ${request.branch}: ${request.title}\n\nSuture-Trace: ${request.traceId}\n`);
      return { merged: true, commit: merged.commit };
    } catch (error) {
      // The fix stays available for a person; a merge refusal is not a failed fix.
      const note = `The merge was refused (${errorCode(error) ?? "error"}: ${coerceError(error).message}); the branch is left for review.`;
      return { merged: false, held: false, note, data: {} };
    }
  }

  async function revert(request: RevertRequest): Promise<RevertOutcome> {
    // A revert changes the base branch like a merge does, so it needs the same yes.
    if (!allowMerge) return { kind: "held" };
    const message = buildRevertMessage({ title: request.title, reason: request.reason, traceId: request.traceId, missionId: request.missionId });
    const reverted = await repository.revert(request.mergeCommit, request.base, message);
    return { kind: "reverted", commit: reverted.commit };
  }

  return {
    resolveRef: repository.resolveRef,
    readFile: repository.readFile,
    listFiles: repository.listFiles,
    ensureBranch: repository.ensureBranch,
    propose,
    follow,
    decision,
    merge,
    revert,
    // A local revert lands at once or not at all: there is nothing in flight to follow.
    followRevert: async () => ({ kind: "pending" }),
  };
}

function checksReport(validation: ValidationRecord): ChecksReport {
  const durationMs = validation.durationMs ?? 0;
  return {
    validation,
    summary: `${validation.command} ${validation.passed ? "passed" : "failed"} in ${Math.round(durationMs)} ms`,
    data: { command: validation.command, exitCode: validation.exitCode ?? null, durationMs },
  };
}

function parseKeptValidation(proposal: LocalProposalRow): ValidationRecord {
  const parsed = validationRecordSchema.safeParse(proposal.validation);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new LocalGitError("MALFORMED_RECORD", `The kept checks of the proposal for mission ${proposal.mission_id} are malformed (${issue.path.join(".") || "validation"}: ${issue.message}); clear them (healing.local_proposals.checks_commit = null) and they run again.`);
}

function rejectionReason(proposal: LocalProposalRow): string {
  return `${proposal.decided_by ?? "A person"} rejected the proposal: ${proposal.decision_reason ?? "no reason given"}`;
}
