import type { Sql } from "../sql.ts";

// Which mission a pull request belongs to: the pull request row Suture recorded when it opened it,
// else the marker in its body (mission and trace must both match, within the repository's
// project), else its `suture/…` head branch (auto_fixes.branch; the newest mission wins).

export interface PullRequestMission {
  id: string;
  trace_id: string;
  project_id: string;
  state: string;
}

export async function findMissionForPullRequest(
  sql: Sql,
  input: { projectId: string; repo: string; number: number; marker: { missionId: string; traceId: string } | null; branch: string },
): Promise<PullRequestMission | null> {
  const rows = await sql.query<PullRequestMission>(
    `select m.id, m.trace_id, m.project_id, m.state, 1 as rank
       from healing.pull_requests p
       join healing.auto_fixes m on m.id = p.mission_id
      where p.repo = lower($2) and p.number = $3 and m.project_id = $1
     union all
     select m.id, m.trace_id, m.project_id, m.state, 2
       from healing.auto_fixes m
      where m.project_id = $1 and m.id = $4::uuid and m.trace_id = $5::uuid
     union all
     select m.id, m.trace_id, m.project_id, m.state, 3
       from healing.auto_fixes m
      where m.project_id = $1 and m.branch = $6 and $6 like 'suture/%'
     order by rank
     limit 1`,
    [input.projectId, input.repo, input.number, input.marker?.missionId ?? null, input.marker?.traceId ?? null, input.branch],
  );
  const row = rows[0];
  return row ? { id: row.id, trace_id: row.trace_id, project_id: row.project_id, state: row.state } : null;
}
