import type { Sql } from "../sql.ts";

// The successful requests kept for a route (request_samples), newest first: reproduction replays
// them against the base code to learn what a good answer of that route looks like.

export interface RequestSample {
  method: string;
  route: string;
  url: string | null;
  /** Names lowercased, credentials [Filtered]. */
  headers: Record<string, string> | null;
  /** JSON, or a string when the body was not JSON; null without one. */
  body: unknown;
  body_truncated: boolean;
  status: number;
  occurred_at: Date;
}

/** The route's samples, of every method unless `method` names one. */
export async function loadRequestSamples(sql: Sql, projectId: string, route: string, method: string | null = null): Promise<RequestSample[]> {
  const rows = await sql.query<RequestSample>(
    `select method, route, url, headers, body, body_truncated, status, occurred_at
       from healing.request_samples
      where project_id = $1 and route = $2 and ($3::text is null or method = $3)
      order by occurred_at desc, method, slot`,
    [projectId, route, method],
  );
  return rows.map((row) => ({ ...row, occurred_at: new Date(row.occurred_at) }));
}
