// A row of healing.pull_requests as the application sees it.

export interface PullRequestRow {
  id: number;
  mission_id: string;
  project_id: string;
  kind: "fix" | "revert";
  repo: string;
  number: number;
  url: string | null;
  head_branch: string;
  head_sha: string | null;
  base_branch: string | null;
  state: "open" | "closed" | "merged";
  merge_commit: string | null;
  checks_status: "pending" | "success" | "failure" | "none";
  checks_summary: string | null;
  review_state: "approved" | "changes_requested" | "commented" | "dismissed" | null;
  reviewed_by: string | null;
  changed_at: Date;
  seen_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const PULL_REQUEST_COLUMNS = `id, mission_id, project_id, kind, repo, number, url, head_branch, head_sha, base_branch, state,
  merge_commit, checks_status, checks_summary, review_state, reviewed_by, changed_at, seen_at, created_at, updated_at`;
