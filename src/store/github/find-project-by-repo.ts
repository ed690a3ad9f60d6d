import { parseGithubRepository, sameGithubRepository } from "../../core/repository-identity.ts";
import type { Sql } from "../sql.ts";

// The project a GitHub repository belongs to. Projects are saved as `owner/name`, but rows saved
// before that (or written by hand) may hold an https or ssh URL: the candidates that contain the
// name are read and compared with the one parser of repository identity.

export interface RepoProject {
  id: string;
  default_branch: string;
}

export async function findProjectByRepo(sql: Sql, fullName: string): Promise<RepoProject | null> {
  const wanted = parseGithubRepository(fullName);
  if (!wanted) return null;
  const rows = await sql.query<RepoProject & { repo: string }>(
    `select id, default_branch, repo
       from healing.projects
      where strpos(lower(repo), lower($1)) > 0
      order by created_at`,
    [wanted.fullName],
  );
  const row = rows.find((candidate) => sameGithubRepository(candidate.repo, wanted.fullName));
  return row ? { id: row.id, default_branch: row.default_branch } : null;
}
