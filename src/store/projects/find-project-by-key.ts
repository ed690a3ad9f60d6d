import { sha256Hex } from "../../core/hash.ts";
import type { Sql } from "../sql.ts";
import type { ProjectRow } from "./project-row.ts";

export interface ProjectWithConfig extends ProjectRow {
  paused: boolean;
  settings: Record<string, unknown>;
}

/**
 * The project an ingest key belongs to. Only the key's hash is compared, through the unique
 * index, so the lookup reveals nothing about other keys.
 */
export async function findProjectByKey(sql: Sql, ingestKey: string): Promise<ProjectWithConfig | null> {
  const rows = await sql.query<ProjectWithConfig>(
    `select p.id, p.public_id, p.name, p.repo, p.default_branch, p.autonomy_level,
            coalesce(c.paused, false) as paused, coalesce(c.settings, '{}'::jsonb) as settings
       from healing.projects p
       left join healing.system_config c on c.project_id = p.id
      where p.ingest_key_hash = $1`,
    [sha256Hex(ingestKey)],
  );
  return rows[0] ?? null;
}
