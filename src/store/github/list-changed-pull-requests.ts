import type { Sql } from "../sql.ts";
import { PULL_REQUEST_COLUMNS, type PullRequestRow } from "./pull-request-row.ts";

// The cycle's side of the webhook hand-off: pull requests a webhook changed since the cycle last
// looked, and marking them seen once the mission has acted on them.

export async function listChangedPullRequests(sql: Sql, projectId: string, limit = 50): Promise<PullRequestRow[]> {
  return sql.query<PullRequestRow>(
    `select ${PULL_REQUEST_COLUMNS}
       from healing.pull_requests
      where project_id = $1 and (seen_at is null or seen_at < changed_at)
      order by changed_at
      limit $2`,
    [projectId, limit],
  );
}

/** Seen as of `seenAt` (the changed_at the cycle read): a webhook arriving meanwhile stays unseen. */
export async function markPullRequestSeen(sql: Sql, id: number, seenAt: Date): Promise<void> {
  await sql.query(`update healing.pull_requests set seen_at = greatest(coalesce(seen_at, $2), $2) where id = $1`, [id, seenAt.toISOString()]);
}

export async function loadPullRequestForMission(sql: Sql, missionId: string, kind: "fix" | "revert" = "fix"): Promise<PullRequestRow | null> {
  const rows = await sql.query<PullRequestRow>(
    `select ${PULL_REQUEST_COLUMNS} from healing.pull_requests where mission_id = $1 and kind = $2`,
    [missionId, kind],
  );
  return rows[0] ?? null;
}
