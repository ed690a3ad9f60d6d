import type { Sql } from "../sql.ts";
import { createProject, type NewProject } from "./create-project.ts";
import type { ProjectRow } from "./project-row.ts";

/** The project with this name, created when missing (CLI and demo use one named project). */
export async function ensureProject(sql: Sql, input: NewProject): Promise<{ project: ProjectRow; ingestKey: string | null }> {
  const rows = await sql.query<ProjectRow>(
    `select id, public_id, name, repo, default_branch, autonomy_level
       from healing.projects where name = $1 order by created_at limit 1`,
    [input.name],
  );
  if (rows[0]) return { project: rows[0], ingestKey: null };
  return createProject(sql, input);
}
