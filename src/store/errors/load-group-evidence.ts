import type { Sql } from "../sql.ts";
import type { StackFrame } from "../../core/stack-frame.ts";

// What a diagnosis cites: the group's totals, its routes, its releases and a few recent samples
// (already scrubbed at ingest).

export interface GroupSample {
  event_id: string;
  occurred_at: Date;
  error_type: string;
  message: string;
  frames: StackFrame[];
  /** Linked causes, direct cause first. */
  causes: Array<{ type: string; value: string; frames: StackFrame[] }>;
  release: string | null;
  request_method: string | null;
  request_route: string | null;
}

export interface GroupEvidence {
  id: string;
  fingerprint: string;
  title: string;
  error_type: string;
  normalized_message: string;
  event_count: number;
  user_count: number;
  first_seen: Date;
  last_seen: Date;
  last_release: string | null;
  routes: Array<{ route: string; events: number }>;
  samples: GroupSample[];
}

export async function loadGroupEvidence(sql: Sql, detectedErrorId: string, sampleCount = 3): Promise<GroupEvidence | null> {
  const rows = await sql.query<GroupEvidence>(
    `select d.id, d.fingerprint, d.title, d.error_type, d.normalized_message, d.event_count, d.user_count,
            d.first_seen, d.last_seen, d.last_release,
            coalesce((select jsonb_agg(jsonb_build_object('route', r.route, 'events', r.n) order by r.n desc)
                        from (select coalesce(request_method || ' ', '') || request_route as route, count(*)::int as n
                                from healing.error_events e
                               where e.project_id = d.project_id and e.fingerprint = d.fingerprint and e.request_route is not null
                               group by 1 order by 2 desc limit 5) r), '[]'::jsonb) as routes,
            coalesce((select jsonb_agg(to_jsonb(s) order by s.occurred_at desc)
                        from (select event_id, occurred_at, error_type, message, frames, causes, release, request_method, request_route
                                from healing.error_events e
                               where e.project_id = d.project_id and e.fingerprint = d.fingerprint
                               order by occurred_at desc limit $2) s), '[]'::jsonb) as samples
       from healing.detected_errors d
      where d.id = $1`,
    [detectedErrorId, sampleCount],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    samples: row.samples.map((sample) => ({ ...sample, occurred_at: new Date(sample.occurred_at) })),
  };
}
