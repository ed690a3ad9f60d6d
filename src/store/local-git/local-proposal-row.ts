// A row of healing.local_proposals as the application sees it.

export interface LocalProposalRow {
  mission_id: string;
  project_id: string;
  branch: string;
  head_commit: string;
  base_branch: string;
  title: string;
  checks_commit: string | null;
  checks_command: string | null;
  validation: Record<string, unknown> | null;
  decision: "approved" | "rejected" | null;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const LOCAL_PROPOSAL_COLUMNS = `mission_id, project_id, branch, head_commit, base_branch, title, checks_commit, checks_command,
  validation, decision, decided_by, decision_reason, decided_at, created_at, updated_at`;
