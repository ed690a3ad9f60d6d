import { recordHealingEvent } from "../store/audit/record-healing-event.ts";
import { loadPullRequestForMission } from "../store/github/list-changed-pull-requests.ts";
import { loadLocalProposal } from "../store/local-git/load-local-proposal.ts";
import type { LocalProposalRow } from "../store/local-git/local-proposal-row.ts";
import { recordLocalDecision } from "../store/local-git/record-local-decision.ts";
import { recordLocalProposal } from "../store/local-git/record-local-proposal.ts";
import { loadMission } from "../store/missions/load-mission.ts";
import { makeMissionDue } from "../store/missions/make-mission-due.ts";
import type { MissionRow } from "../store/missions/mission-row.ts";
import { listHealingProjects } from "../store/projects/list-healing-projects.ts";
import type { Sql } from "../store/sql.ts";
import { storedFixSchema } from "./mission-records.ts";

// A person's decision on a proposal recorded in this database (`suture approve|reject`): the local
// git forge's counterpart of a review on GitHub. Recorded with its audit event in one transaction,
// and the mission is due at once, so the next detect-and-fix tick merges an approved fix (within
// the pause switch, like any delivery) or ends a rejected one with the person's reason.

export type ProposalDecisionErrorCode = "UNKNOWN_MISSION" | "NOT_AWAITING_DECISION" | "NOT_A_LOCAL_PROPOSAL" | "ALREADY_DECIDED" | "REASON_REQUIRED";

export class ProposalDecisionError extends Error {
  constructor(
    readonly code: ProposalDecisionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ProposalDecisionError";
  }
}

export interface ProposalDecisionInput {
  missionId: string;
  decision: "approved" | "rejected";
  /** Who decided (recorded and shown in the mission's reason). */
  by: string;
  /** Required for a rejection. */
  reason: string | null;
  at: Date;
}

export interface ProposalDecision {
  mission: MissionRow;
  proposal: LocalProposalRow;
  /** Healing is paused for the project: the decision waits until it resumes. */
  paused: boolean;
}

export async function decideProposal(sql: Sql, input: ProposalDecisionInput): Promise<ProposalDecision> {
  const reason = input.reason?.trim() || null;
  if (input.decision === "rejected" && !reason) throw new ProposalDecisionError("REASON_REQUIRED", "a rejection says why: give --reason");
  const mission = await loadMission(sql, input.missionId);
  if (!mission) {
    throw new ProposalDecisionError(
      "UNKNOWN_MISSION",
      `no mission ${input.missionId} in this database (the embedded one is in memory unless --data-dir or SUTURE_DATA_DIR names where it is kept)`,
    );
  }
  if (mission.state !== "proposed") {
    throw new ProposalDecisionError("NOT_AWAITING_DECISION", `mission ${mission.id} is ${mission.state}, not awaiting a decision: only a proposed fix is approved or rejected`);
  }
  const proposal = (await loadLocalProposal(sql, mission.id)) ?? (await proposalOfEarlierMission(sql, mission));
  if (proposal.decision) throw alreadyDecided(proposal);

  const decided = await sql.transaction(async (tx) => {
    const row = await recordLocalDecision(tx, {
      missionId: mission.id,
      headCommit: proposal.head_commit,
      decision: input.decision,
      by: input.by,
      reason,
      at: input.at,
    });
    if (!row) return null;
    const said = reason ? `: ${reason}` : "";
    await recordHealingEvent(tx, {
      projectId: mission.project_id,
      traceId: mission.trace_id,
      missionId: mission.id,
      kind: input.decision === "approved" ? "fix.approved" : "fix.declined",
      message: `${input.by} ${input.decision} the proposal of ${proposal.branch}${said}`,
      data: { by: input.by, reason, commit: proposal.head_commit },
      at: input.at,
    });
    await makeMissionDue(tx, mission.id);
    return row;
  });
  if (!decided) throw alreadyDecided((await loadLocalProposal(sql, mission.id)) ?? proposal);
  const [project] = await listHealingProjects(sql, mission.project_id);
  return { mission, proposal: decided, paused: project?.paused ?? false };
}

/**
 * A mission proposed before its proposal was recorded (a database from before local proposals)
 * has its branch and fix: recorded now, so a person can still decide it. A GitHub pull request is
 * decided on GitHub.
 */
async function proposalOfEarlierMission(sql: Sql, mission: MissionRow): Promise<LocalProposalRow> {
  const pull = await loadPullRequestForMission(sql, mission.id);
  if (pull) {
    throw new ProposalDecisionError(
      "NOT_A_LOCAL_PROPOSAL",
      `mission ${mission.id} is pull request #${pull.number}${pull.url ? ` (${pull.url})` : ""}: approve it or request changes there`,
    );
  }
  const fix = storedFixSchema.safeParse(mission.fix).data;
  if (!mission.branch || !mission.commit_sha || !fix) {
    throw new ProposalDecisionError("NOT_A_LOCAL_PROPOSAL", `mission ${mission.id} has no fix branch to decide on`);
  }
  const { row } = await recordLocalProposal(sql, {
    missionId: mission.id,
    projectId: mission.project_id,
    branch: mission.branch,
    headCommit: mission.commit_sha,
    baseBranch: fix.base,
    title: fix.title,
  });
  return row;
}

function alreadyDecided(proposal: LocalProposalRow): ProposalDecisionError {
  const what = proposal.decision ?? "decided";
  return new ProposalDecisionError(
    "ALREADY_DECIDED",
    `mission ${proposal.mission_id} is not awaiting a decision: ${proposal.decided_by ?? "a person"} already ${what} it; the next detect-and-fix tick acts on that`,
  );
}
