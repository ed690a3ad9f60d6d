import type { Sql } from "../sql.ts";

// What the monitor needs to judge a deployed fix: did its group fire again, did the route carry
// traffic, and which groups appeared for the first time since the deploy.

export interface FixOutcomeFacts {
  eventsSinceDeploy: number;
  routeRequestsSinceDeploy: number;
  newGroups: Array<{ fingerprint: string; title: string; culprit_file: string | null; culprit_line: number | null; event_count: number }>;
}

export async function loadFixOutcome(
  sql: Sql,
  input: { projectId: string; fingerprint: string; route: string | null; deployedAt: Date; now: Date },
): Promise<FixOutcomeFacts> {
  const [counts] = await sql.query<{ events: number; requests: number }>(
    `select (select count(*)::int from healing.error_events
              where project_id = $1 and fingerprint = $2 and occurred_at > $3::timestamptz and occurred_at <= $4::timestamptz) as events,
            (select coalesce(sum(requests), 0)::int from healing.request_metrics
              where project_id = $1 and route = $5 and minute >= date_trunc('minute', $3::timestamptz) and minute <= $4::timestamptz) as requests`,
    [input.projectId, input.fingerprint, input.deployedAt.toISOString(), input.now.toISOString(), input.route],
  );
  const newGroups = await sql.query<FixOutcomeFacts["newGroups"][number]>(
    `select fingerprint, title, culprit_file, culprit_line, event_count::int as event_count
       from healing.detected_errors
      where project_id = $1 and first_seen > $2::timestamptz and first_seen <= $3::timestamptz`,
    [input.projectId, input.deployedAt.toISOString(), input.now.toISOString()],
  );
  return { eventsSinceDeploy: counts?.events ?? 0, routeRequestsSinceDeploy: counts?.requests ?? 0, newGroups };
}
