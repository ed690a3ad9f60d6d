import type { Sql } from "../sql.ts";

export interface DetectedErrorRow {
  id: string;
  fingerprint: string;
  title: string;
  error_type: string;
  normalized_message: string;
  culprit_file: string | null;
  culprit_function: string | null;
  culprit_line: number | null;
  first_seen: Date;
  last_seen: Date;
  event_count: number;
  user_count: number;
  severity: string | null;
  status: string;
  last_release: string | null;
  last_route: string | null;
}

/** A project's groups, most events first (served by detected_errors_recent_idx for small projects). */
export async function listDetectedErrors(sql: Sql, projectId: string, limit = 100): Promise<DetectedErrorRow[]> {
  return sql.query<DetectedErrorRow>(
    `select id, fingerprint, title, error_type, normalized_message, culprit_file, culprit_function,
            culprit_line, first_seen, last_seen, event_count, user_count, severity, status,
            last_release, last_route
       from healing.detected_errors
      where project_id = $1
      order by event_count desc, last_seen desc
      limit $2`,
    [projectId, limit],
  );
}
