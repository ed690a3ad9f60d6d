import type { Sql } from "../sql.ts";

// The only writer of healing.healing_events: append, never change.

export interface HealingEventInput {
  projectId: string | null;
  traceId?: string | null;
  missionId?: string | null;
  kind: string;
  message: string;
  data?: Record<string, unknown>;
  /** Event time; the database clock when absent. Replays pass their simulated clock. */
  at?: Date | null;
}

export async function recordHealingEvent(sql: Sql, event: HealingEventInput): Promise<void> {
  await sql.query(
    `insert into healing.healing_events (project_id, trace_id, mission_id, kind, message, data, created_at)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, coalesce($7::timestamptz, now()))`,
    [
      event.projectId,
      event.traceId ?? null,
      event.missionId ?? null,
      event.kind,
      event.message,
      JSON.stringify(event.data ?? {}),
      event.at ? event.at.toISOString() : null,
    ],
  );
}
