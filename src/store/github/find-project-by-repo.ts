import type { Sql } from "../sql.ts";

// The project a GitHub repository belongs to. projects.repo may be stored as `owner/name`, as an
// https or ssh URL, with or without `.git`; all compare equal to the webhook's full_name.

export interface RepoProject {
  id: string;
  default_branch: string;
}

export async function findProjectByRepo(sql: Sql, fullName: string): Promise<RepoProject | null> {
  const rows = await sql.query<RepoProject>(
    `select id, default_branch
       from healing.projects
      where lower(regexp_replace(regexp_replace(repo, '^(https?://github\\.com/|git@github\\.com:)', '', 'i'), '(\\.git)?/*$', '')) = lower($1)
      order by created_at
      limit 1`,
    [fullName],
  );
  return rows[0] ?? null;
}
