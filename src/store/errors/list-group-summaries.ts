import type { Sql } from "../sql.ts";

export interface GroupSummary {
  id: string;
  error_type: string;
  normalized_message: string;
  event_count: number;
}

/** Every group of a project, in brief: what a report of its missions names them by. */
export async function listGroupSummaries(sql: Sql, projectId: string): Promise<GroupSummary[]> {
  return sql.query<GroupSummary>(
    `select id, error_type, normalized_message, event_count from healing.detected_errors where project_id = $1`,
    [projectId],
  );
}
