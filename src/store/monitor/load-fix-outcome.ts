import type { Sql } from "../sql.ts";

// What the monitor needs to judge a deployed fix: did its group fire again, did the route carry
// traffic (and fail more or less than in the same span before the deploy), and which groups
// appeared for the first time since the deploy.

export interface FixOutcomeFacts {
  eventsSinceDeploy: number;
  routeRequestsSinceDeploy: number;
  /** Server errors (5xx) on the route since the deploy. */
  routeErrorsSinceDeploy: number;
  /** The same figures over an equally long span before the deploy. */
  routeRequestsBefore: number;
  routeErrorsBefore: number;
  newGroups: Array<{
    fingerprint: string;
    title: string;
    culprit_file: string | null;
    culprit_function: string | null;
    culprit_line: number | null;
    event_count: number;
  }>;
}

export async function loadFixOutcome(
  sql: Sql,
  input: { projectId: string; fingerprint: string; route: string | null; deployedAt: Date; now: Date },
): Promise<FixOutcomeFacts> {
  const spanMs = Math.max(60_000, input.now.getTime() - input.deployedAt.getTime());
  const before = new Date(input.deployedAt.getTime() - spanMs);
  const [counts] = await sql.query<{ events: number; requests: number; errors: number; requests_before: number; errors_before: number }>(
    `with route_after as (
       select coalesce(sum(requests), 0)::int as requests, coalesce(sum(errors), 0)::int as errors
         from healing.request_metrics
        where project_id = $1 and route = $5 and minute >= date_trunc('minute', $3::timestamptz) and minute <= $4::timestamptz
     ), route_before as (
       select coalesce(sum(requests), 0)::int as requests, coalesce(sum(errors), 0)::int as errors
         from healing.request_metrics
        where project_id = $1 and route = $5 and minute >= date_trunc('minute', $6::timestamptz) and minute < date_trunc('minute', $3::timestamptz)
     )
     select (select count(*)::int from healing.error_events
              where project_id = $1 and fingerprint = $2 and occurred_at > $3::timestamptz and occurred_at <= $4::timestamptz) as events,
            a.requests, a.errors, b.requests as requests_before, b.errors as errors_before
       from route_after a, route_before b`,
    [input.projectId, input.fingerprint, input.deployedAt.toISOString(), input.now.toISOString(), input.route, before.toISOString()],
  );
  const newGroups = await sql.query<FixOutcomeFacts["newGroups"][number]>(
    `select fingerprint, title, culprit_file, culprit_function, culprit_line, event_count::int as event_count
       from healing.detected_errors
      where project_id = $1 and first_seen > $2::timestamptz and first_seen <= $3::timestamptz`,
    [input.projectId, input.deployedAt.toISOString(), input.now.toISOString()],
  );
  return {
    eventsSinceDeploy: counts?.events ?? 0,
    routeRequestsSinceDeploy: counts?.requests ?? 0,
    routeErrorsSinceDeploy: counts?.errors ?? 0,
    routeRequestsBefore: counts?.requests_before ?? 0,
    routeErrorsBefore: counts?.errors_before ?? 0,
    newGroups,
  };
}
