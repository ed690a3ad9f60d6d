import type { Sql } from "../sql.ts";

/** The checks that ran on a proposal's commit; validation null: no test command was configured. */
export async function recordLocalChecks(
  sql: Sql,
  input: { missionId: string; commit: string; command: string | null; validation: Record<string, unknown> | null },
): Promise<void> {
  await sql.query(
    `update healing.local_proposals
        set checks_commit = $2, checks_command = $3, validation = $4::text::jsonb, updated_at = now()
      where mission_id = $1`,
    [input.missionId, input.commit, input.command, input.validation === null ? null : JSON.stringify(input.validation)],
  );
}
