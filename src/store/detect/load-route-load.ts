import type { Sql } from "../sql.ts";

/** Requests and server errors on a route over a time range: severity's "share of requests failing". */
export async function loadRouteLoad(
  sql: Sql,
  projectId: string,
  route: string,
  range: { from: Date; to: Date },
): Promise<{ requests: number; errors: number }> {
  const rows = await sql.query<{ requests: number; errors: number }>(
    `select coalesce(sum(requests), 0)::int as requests, coalesce(sum(errors), 0)::int as errors
       from healing.request_metrics
      where project_id = $1 and route = $2 and minute >= date_trunc('minute', $3::timestamptz) and minute <= $4::timestamptz`,
    [projectId, route, range.from.toISOString(), range.to.toISOString()],
  );
  return rows[0] ?? { requests: 0, errors: 0 };
}
