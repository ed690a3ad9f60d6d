import { parseGithubRepository } from "../core/repository-identity.ts";
import type { Sql } from "../store/sql.ts";
import type { ProjectForge } from "./forge.ts";
import { createGithubForge } from "./github/github-forge.ts";
import { createGithubRepository } from "./github/github-repository.ts";
import type { ForgeProject } from "./project-forges.ts";

// Projects whose `repo` names a GitHub repository are healed through GitHub with the runner's token.

/** A `resolve` for createProjectForges: a GitHub forge for GitHub projects, else not mine. */
export function githubForgeResolver(options: { sql: Sql; token: string; apiUrl?: string | null }): (project: ForgeProject) => Promise<ProjectForge | null> {
  return async (project) => {
    const target = parseGithubRepository(project.repo);
    if (!target) return null;
    const repository = createGithubRepository({
      owner: target.owner,
      repo: target.name,
      token: options.token,
      baseUrl: options.apiUrl ?? undefined,
      defaultBranch: project.default_branch,
    });
    return { forge: createGithubForge({ repository, sql: options.sql }), baseBranch: project.default_branch };
  };
}
