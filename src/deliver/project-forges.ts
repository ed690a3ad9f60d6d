import type { CommandRunner } from "../core/command-runner.ts";
import type { Sql } from "../store/sql.ts";
import type { ProjectForge } from "./forge.ts";
import { isGitRepository } from "./local-git/git-command.ts";
import { createLocalGitForge } from "./local-git/local-git-forge.ts";
import { createLocalGitRepository, type LocalGitRepository } from "./local-git/local-git-repository.ts";

// Which forge heals which project, for one run. Other forges (GitHub) are tried first through
// `resolve`; a project whose `repo` is a git directory on this machine gets the local-git forge
// when processes may run here (`suture dev`, `suture replay`, never the hosted edge runtime). For
// any other project forgeFor throws ForgeUnavailableError: the cycles record that as the project's
// failure (cycle.project_failed, with the reason) and leave its missions unclaimed, so they wait
// for a forge instead of failing one step at a time.

export interface ForgeProject {
  id: string;
  repo: string | null;
  default_branch: string;
}

/** The forges of one run; close() removes what they left behind (local worktrees). */
export interface ForgeSession {
  forgeFor(project: ForgeProject): Promise<ProjectForge>;
  close(): Promise<void>;
}

export interface ProjectForgesOptions {
  /** Where forges record their proposals. */
  sql: Sql;
  /** Starts git for projects in local directories; null where no process may be started. */
  runner: CommandRunner | null;
  /** Local git only: merge (and revert) what the policy allows without a person (`--merge`). */
  allowMerge: boolean;
  /** Tried first; null means "not mine". */
  resolve?: (project: ForgeProject) => Promise<ProjectForge | null>;
}

export class ForgeUnavailableError extends Error {
  readonly code = "FORGE_UNAVAILABLE";
  constructor(message: string) {
    super(message);
    this.name = "ForgeUnavailableError";
  }
}

export function createProjectForges(options: ProjectForgesOptions): ForgeSession {
  const opened = new Map<string, Promise<ProjectForge>>();
  const repositories: LocalGitRepository[] = [];

  async function open(project: ForgeProject): Promise<ProjectForge> {
    const resolved = options.resolve ? await options.resolve(project) : null;
    if (resolved) return resolved;
    const repo = project.repo;
    if (repo && options.runner && isLocalPath(repo) && (await isLocalRepository(repo, options.runner))) {
      const repository = createLocalGitRepository({ repoDir: repo, runner: options.runner });
      repositories.push(repository);
      const baseBranch = (await repository.resolveRef(project.default_branch))
        ? project.default_branch
        : await currentBranch(options.runner, repo, project.default_branch);
      return { forge: createLocalGitForge({ repository, sql: options.sql, allowMerge: options.allowMerge }), baseBranch };
    }
    throw new ForgeUnavailableError(unavailableReason(project, options.runner !== null));
  }

  return {
    forgeFor(project) {
      // One forge per project per run: the cycles ask once per project, the cache makes it so.
      let forge = opened.get(project.id);
      if (!forge) {
        forge = open(project);
        opened.set(project.id, forge);
      }
      return forge;
    },
    async close() {
      await Promise.all(repositories.map((repository) => repository.cleanup().catch(() => {})));
    },
  };
}

export function unavailableReason(project: ForgeProject, processesAllowed: boolean): string {
  if (!project.repo) {
    return `project ${project.id} has no repository configured; set healing.projects.repo so Suture can read the code and propose fixes`;
  }
  if (isLocalPath(project.repo) && !processesAllowed) {
    return `project ${project.id} points at the local directory ${project.repo}, which this runner cannot use (no git here); heal it with \`suture dev\` or \`suture replay\` on that machine`;
  }
  if (isLocalPath(project.repo)) {
    return `project ${project.id} points at ${project.repo}, which is not a git repository on this machine; fix healing.projects.repo`;
  }
  return `project ${project.id} uses the repository ${project.repo}, and this runner has no GITHUB_TOKEN (set it with: supabase secrets set GITHUB_TOKEN=...); its missions wait until it does`;
}

function isLocalPath(repo: string): boolean {
  return repo.startsWith("/") || repo.startsWith("./") || repo.startsWith("../") || /^[A-Za-z]:[\\/]/.test(repo);
}

async function isLocalRepository(dir: string, runner: CommandRunner): Promise<boolean> {
  try {
    return await isGitRepository(dir, runner);
  } catch {
    // A runtime that forbids subprocesses throws here; that is "not available", not a crash.
    return false;
  }
}

async function currentBranch(runner: CommandRunner, repoDir: string, fallback: string): Promise<string> {
  const result = await runner.run("git", ["symbolic-ref", "--short", "HEAD"], { cwd: repoDir, timeoutMs: 30_000 });
  return result.exitCode === 0 && result.stdout.trim() !== "" ? result.stdout.trim() : fallback;
}
