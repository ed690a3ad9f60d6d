import type { Sql } from "../sql.ts";

export async function recordDeployment(
  sql: Sql,
  input: { projectId: string; missionId: string | null; kind: "merge" | "revert" | "deploy"; commit: string; environment?: string; at: Date },
): Promise<void> {
  await sql.query(
    `insert into healing.deployment_logs (project_id, mission_id, kind, environment, commit_sha, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [input.projectId, input.missionId, input.kind, input.environment ?? "production", input.commit, input.at.toISOString()],
  );
}
