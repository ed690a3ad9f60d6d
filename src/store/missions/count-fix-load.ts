import type { Sql } from "../sql.ts";

/** The policy's rate-limit inputs: fixes built in the hour before `now`, and fixes still open. */
export async function countFixLoad(sql: Sql, projectId: string, now: Date): Promise<{ fixesLastHour: number; openFixes: number }> {
  const rows = await sql.query<{ fixes_last_hour: number; open_fixes: number }>(
    `select count(*) filter (where fixed_at > $2::timestamptz - interval '1 hour' and fixed_at <= $2::timestamptz)::int as fixes_last_hour,
            count(*) filter (where state in ('proposed', 'applied', 'watching'))::int as open_fixes
       from healing.auto_fixes
      where project_id = $1`,
    [projectId, now.toISOString()],
  );
  return { fixesLastHour: rows[0]?.fixes_last_hour ?? 0, openFixes: rows[0]?.open_fixes ?? 0 };
}
