import type { Sql } from "../sql.ts";
import { LOCAL_PROPOSAL_COLUMNS, type LocalProposalRow } from "./local-proposal-row.ts";

/**
 * A person's decision on the proposal of this exact commit. Only a proposal no one has decided
 * yet takes one: null comes back when it was decided meanwhile or its commit changed.
 */
export async function recordLocalDecision(
  sql: Sql,
  input: { missionId: string; headCommit: string; decision: "approved" | "rejected"; by: string; reason: string | null; at: Date },
): Promise<LocalProposalRow | null> {
  const rows = await sql.query<LocalProposalRow>(
    `update healing.local_proposals
        set decision = $3, decided_by = $4, decision_reason = $5, decided_at = $6, updated_at = now()
      where mission_id = $1 and head_commit = $2 and decision is null
      returning ${LOCAL_PROPOSAL_COLUMNS}`,
    [input.missionId, input.headCommit, input.decision, input.by, input.reason, input.at.toISOString()],
  );
  return rows[0] ?? null;
}
