import { randomKey, sha256Hex } from "../../core/hash.ts";
import { normalizeRepository } from "../../core/repository-identity.ts";
import type { Sql } from "../sql.ts";
import type { ProjectRow } from "./project-row.ts";

export interface NewProject {
  name: string;
  repo?: string | null;
  defaultBranch?: string;
  autonomyLevel?: 0 | 1 | 2 | 3;
  settings?: Record<string, unknown>;
  /** Use this ingest key instead of generating one (demo and tests). */
  ingestKey?: string;
}

/**
 * Creates a project and its config row; returns the ingest key, which is never stored in clear.
 * A GitHub repository is stored as `owner/name`, however it was written.
 */
export async function createProject(sql: Sql, input: NewProject): Promise<{ project: ProjectRow; ingestKey: string }> {
  const ingestKey = input.ingestKey ?? randomKey();
  const rows = await sql.query<ProjectRow>(
    `with project as (
       insert into healing.projects (name, repo, default_branch, autonomy_level, ingest_key_hash)
       values ($1, $2, $3, $4, $5)
       returning id, public_id, name, repo, default_branch, autonomy_level
     ), config as (
       insert into healing.system_config (project_id, settings)
       select id, $6::text::jsonb from project
     )
     select * from project`,
    [
      input.name,
      normalizeRepository(input.repo),
      input.defaultBranch ?? "main",
      input.autonomyLevel ?? 1,
      sha256Hex(ingestKey),
      JSON.stringify(input.settings ?? {}),
    ],
  );
  return { project: rows[0]!, ingestKey };
}
