import { parseGithubRepository } from "../core/repository-identity.ts";
import { createGithubRepository } from "../deliver/github/github-repository.ts";
import type { ProjectForge } from "../missions/mission-context.ts";
import type { ForgeProject } from "./project-forges.ts";

// Projects whose `repo` names a GitHub repository are healed through GitHub with the runner's token.

/** A `resolve` for createProjectForges: a GitHub forge for GitHub projects, else not mine. */
export function githubForgeResolver(options: { token: string; apiUrl?: string | null }): (project: ForgeProject) => Promise<ProjectForge | null> {
  return async (project) => {
    const target = parseGithubRepository(project.repo);
    if (!target) return null;
    const forge = createGithubRepository({
      owner: target.owner,
      repo: target.name,
      token: options.token,
      baseUrl: options.apiUrl ?? undefined,
      defaultBranch: project.default_branch,
    });
    return { forge, baseBranch: project.default_branch, github: forge };
  };
}
