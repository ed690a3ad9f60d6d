import type { Sql } from "../sql.ts";

// What detection needs per candidate group: its status, totals and event counts per window
// (oldest first, the window ending at `now` last). Groups are candidates when they saw events in
// the current window or were never judged (status new).

export interface GroupActivityRow {
  id: string;
  fingerprint: string;
  status: "new" | "incident" | "fixing" | "resolved" | "ignored" | "regressed";
  title: string;
  error_type: string;
  normalized_message: string;
  culprit_file: string | null;
  first_seen: Date;
  last_seen: Date;
  event_count: number;
  user_count: number;
  last_route: string | null;
  window_counts: number[];
}

export async function loadGroupActivity(
  sql: Sql,
  projectId: string,
  options: { now: Date; windowMinutes: number; windows: number },
): Promise<GroupActivityRow[]> {
  const windowMs = options.windowMinutes * 60_000;
  const start = new Date(options.now.getTime() - windowMs * options.windows);
  return sql.query<GroupActivityRow>(
    `with candidates as (
       select d.* from healing.detected_errors d
        where d.project_id = $1
          and d.status <> 'ignored'
          and (d.status = 'new' or d.last_seen > $2::timestamptz - make_interval(mins => $4::int))
     ),
     counts as (
       select e.fingerprint,
              least($5::int - 1, floor(extract(epoch from (e.occurred_at - $3::timestamptz)) / ($4::int * 60)))::int as bucket,
              count(*)::int as n
         from healing.error_events e
         join candidates c on c.fingerprint = e.fingerprint
        where e.project_id = $1 and e.occurred_at > $3::timestamptz and e.occurred_at <= $2::timestamptz
        group by 1, 2
     )
     select c.id, c.fingerprint, c.status, c.title, c.error_type, c.normalized_message, c.culprit_file,
            c.first_seen, c.last_seen, c.event_count, c.user_count, c.last_route,
            array(select coalesce((select n from counts k where k.fingerprint = c.fingerprint and k.bucket = b), 0)
                    from generate_series(0, $5::int - 1) as b order by b) as window_counts
       from candidates c
      order by c.first_seen`,
    [projectId, options.now.toISOString(), start.toISOString(), options.windowMinutes, options.windows],
  );
}
