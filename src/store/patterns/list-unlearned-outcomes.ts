import type { Sql } from "../sql.ts";

export interface UnlearnedOutcome {
  id: string;
  project_id: string;
  pattern_id: string;
  state: string;
  error_class: string | null;
  validation_passed: boolean | null;
  /** The base confidence the mission's fix was decided with (null when no fix was built). */
  fix_base_confidence: number | null;
  /** For the pattern (healed) or against it (everything else that counts). */
  success: boolean;
}

/**
 * A project's missions with a final outcome for their pattern that no learning run has counted
 * yet. This is the one place that says which missions count for learning, and which way:
 *   healed                                               for the pattern
 *   not_healed, regressed, rolled_back, rejected         against it
 *   needs_human after a failed validation                against it
 * Anything else (a person took over before the fix was tested, say) says nothing about the
 * pattern and is never counted.
 */
export async function listUnlearnedOutcomes(sql: Sql, projectId: string, limit: number): Promise<UnlearnedOutcome[]> {
  return sql.query<UnlearnedOutcome>(
    `select id, project_id, pattern_id, state, diagnosis->>'errorClass' as error_class,
            (validation->>'passed')::boolean as validation_passed, state = 'healed' as success,
            case when jsonb_typeof(fix->'baseConfidence') = 'number' then (fix->>'baseConfidence')::float8 end as fix_base_confidence
       from healing.auto_fixes
      where learned_at is null and pattern_id is not null
        and project_id = $1
        and (state in ('healed', 'not_healed', 'regressed', 'rolled_back', 'rejected')
             or (state = 'needs_human' and (validation->>'passed')::boolean is false))
      order by updated_at
      limit $2`,
    [projectId, limit],
  );
}
