import type { Sql } from "../sql.ts";
import { PULL_REQUEST_COLUMNS, type PullRequestRow } from "./pull-request-row.ts";

// Called by the cycle after ensurePullRequest: the mission's pull request, so webhooks find it by
// number and head commit. Re-running (an updated PR, a new head commit) updates the same row.

export interface PullRequestRecord {
  missionId: string;
  projectId: string;
  kind?: "fix" | "revert";
  /** owner/name */
  repo: string;
  number: number;
  url: string;
  headBranch: string;
  headSha: string | null;
  baseBranch: string;
}

export async function recordPullRequest(sql: Sql, record: PullRequestRecord): Promise<PullRequestRow> {
  const rows = await sql.query<PullRequestRow>(
    `insert into healing.pull_requests (mission_id, project_id, kind, repo, number, url, head_branch, head_sha, base_branch)
     values ($1, $2, $3, lower($4), $5, $6, $7, $8, $9)
     on conflict (mission_id, kind) do update
        set repo = excluded.repo, number = excluded.number, url = excluded.url, head_branch = excluded.head_branch,
            head_sha = coalesce(excluded.head_sha, healing.pull_requests.head_sha), base_branch = excluded.base_branch,
            -- A new head commit has not been checked yet.
            checks_status = case when excluded.head_sha is distinct from healing.pull_requests.head_sha
                                 then 'none' else healing.pull_requests.checks_status end,
            updated_at = now()
     returning ${PULL_REQUEST_COLUMNS}`,
    [record.missionId, record.projectId, record.kind ?? "fix", record.repo, record.number, record.url, record.headBranch, record.headSha, record.baseBranch],
  );
  return rows[0]!;
}

/**
 * From a webhook: makes sure a pull request that maps to a mission (by marker or branch) has its
 * row, so facts are kept even when the cycle had not recorded it yet. Never replaces a row.
 */
export async function ensurePullRequestRow(sql: Sql, record: PullRequestRecord): Promise<void> {
  await sql.query(
    `insert into healing.pull_requests (mission_id, project_id, kind, repo, number, url, head_branch, head_sha, base_branch)
     values ($1, $2, $3, lower($4), $5, $6, $7, $8, $9)
     on conflict do nothing`,
    [record.missionId, record.projectId, record.kind ?? "fix", record.repo, record.number, record.url, record.headBranch, record.headSha, record.baseBranch],
  );
}
