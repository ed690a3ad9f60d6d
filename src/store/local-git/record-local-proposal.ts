import type { Sql } from "../sql.ts";
import { LOCAL_PROPOSAL_COLUMNS, type LocalProposalRow } from "./local-proposal-row.ts";

// Records a mission's local proposal, or updates it. A new head commit is a new fix: a person's
// decision on the old one no longer applies, so it is cleared (its checks are kept by commit and
// simply no longer match).

export interface LocalProposalRecord {
  missionId: string;
  projectId: string;
  branch: string;
  headCommit: string;
  baseBranch: string;
  title: string;
}

export async function recordLocalProposal(sql: Sql, record: LocalProposalRecord): Promise<{ row: LocalProposalRow; created: boolean }> {
  const rows = await sql.query<LocalProposalRow & { created: boolean }>(
    `insert into healing.local_proposals as p (mission_id, project_id, branch, head_commit, base_branch, title)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (mission_id) do update
        set branch = excluded.branch, base_branch = excluded.base_branch, title = excluded.title,
            head_commit = excluded.head_commit,
            decision = case when p.head_commit = excluded.head_commit then p.decision end,
            decided_by = case when p.head_commit = excluded.head_commit then p.decided_by end,
            decision_reason = case when p.head_commit = excluded.head_commit then p.decision_reason end,
            decided_at = case when p.head_commit = excluded.head_commit then p.decided_at end,
            updated_at = now()
     returning ${LOCAL_PROPOSAL_COLUMNS}, (xmax = 0) as created`,
    [record.missionId, record.projectId, record.branch, record.headCommit, record.baseBranch, record.title],
  );
  const { created, ...row } = rows[0]!;
  return { row, created };
}
