import type { Sql } from "../sql.ts";

// A deployment status GitHub reported, in deployment_logs beside Suture's own merges, tied to the
// mission whose merge (or revert) commit was deployed. GitHub's states map onto the monitor's
// words: success → succeeded, failure/error → failed; the in-between states are kept as GitHub
// names them (queued, pending, in_progress, inactive).

export interface GithubDeploymentInput {
  projectId: string;
  deliveryId: string;
  deploymentId: number;
  environment: string;
  commit: string;
  state: string;
  environmentUrl: string | null;
  description: string | null;
  at: Date;
}

export function deploymentStatusWord(state: string): string {
  if (state === "success") return "succeeded";
  if (state === "failure" || state === "error") return "failed";
  return state;
}

/** Returns the mission the deployed commit belongs to, or null; a repeated status is ignored. */
export async function recordGithubDeployment(sql: Sql, input: GithubDeploymentInput): Promise<{ missionId: string | null; recorded: boolean }> {
  const rows = await sql.query<{ mission_id: string | null }>(
    `insert into healing.deployment_logs
       (project_id, mission_id, kind, environment, commit_sha, status, created_at, source, delivery_id, deployment_id, environment_url, description)
     select $1, (select id from healing.auto_fixes
                  where project_id = $1 and (merge_commit = $4 or revert_commit = $4)
                  order by updated_at desc limit 1),
            'deploy', $3, $4, $5, $6, 'github', $2, $7, $8, $9
     on conflict (project_id, deployment_id, status) where deployment_id is not null do nothing
     returning mission_id`,
    [
      input.projectId,
      input.deliveryId,
      input.environment,
      input.commit,
      deploymentStatusWord(input.state),
      input.at.toISOString(),
      input.deploymentId,
      input.environmentUrl,
      input.description,
    ],
  );
  if (rows.length > 0) return { missionId: rows[0]!.mission_id, recorded: true };
  const existing = await sql.query<{ id: string }>(
    `select id from healing.auto_fixes where project_id = $1 and (merge_commit = $2 or revert_commit = $2) order by updated_at desc limit 1`,
    [input.projectId, input.commit],
  );
  return { missionId: existing[0]?.id ?? null, recorded: false };
}
