import { createGithubForge } from "../deliver/github/github-forge.ts";
import type { ProjectForge } from "./heal-context.ts";
import type { ForgeProject } from "./project-forges.ts";

// Projects whose `repo` is `owner/name` are healed through GitHub with the runner's token.

const GITHUB_REPO = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

export function parseGithubRepo(repo: string | null): { owner: string; repo: string } | null {
  const match = repo?.match(GITHUB_REPO);
  return match ? { owner: match[1]!, repo: match[2]! } : null;
}

/** A `resolve` for createProjectForges: a GitHub forge for `owner/name` projects, else not mine. */
export function githubForgeResolver(options: { token: string; apiUrl?: string | null }): (project: ForgeProject) => Promise<ProjectForge | null> {
  return async (project) => {
    const target = parseGithubRepo(project.repo);
    if (!target) return null;
    const forge = createGithubForge({
      owner: target.owner,
      repo: target.repo,
      token: options.token,
      baseUrl: options.apiUrl ?? undefined,
      defaultBranch: project.default_branch,
    });
    return { forge, baseBranch: project.default_branch, github: forge };
  };
}
