import type { Sql } from "../sql.ts";

export interface HealingProjectRow {
  id: string;
  name: string;
  repo: string | null;
  default_branch: string;
  autonomy_level: number;
  paused: boolean;
  settings: Record<string, unknown>;
}

/** Projects a cycle works on (all, or one), with their pause switch and raw settings. */
export async function listHealingProjects(sql: Sql, projectId: string | null = null): Promise<HealingProjectRow[]> {
  return sql.query<HealingProjectRow>(
    `select p.id, p.name, p.repo, p.default_branch, p.autonomy_level,
            coalesce(c.paused, false) as paused, coalesce(c.settings, '{}'::jsonb) as settings
       from healing.projects p
       left join healing.system_config c on c.project_id = p.id
      where $1::uuid is null or p.id = $1::uuid
      order by p.created_at`,
    [projectId],
  );
}
