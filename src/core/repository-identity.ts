// Which GitHub repository a project's `repo` names. People write it as `owner/name`, as an https
// URL or as an ssh remote, with or without `.git`; all of them name one repository. Parsed here
// only, both when a project is saved (stored as `owner/name`) and when it is used (the forge for
// a project, the project for a webhook), so the two can never disagree. Pure.

export interface GithubRepository {
  owner: string;
  name: string;
  /** `owner/name` as written; GitHub compares it case-insensitively. */
  fullName: string;
}

/** GitHub's rules for a login (1–39 alphanumerics or inner hyphens) and a repository name. */
const OWNER_AND_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const GITHUB_PREFIX = /^(?:https?:\/\/github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)/i;
/** Longer than any URL of a GitHub repository; bounds the work on a stored value. */
const MAX_LENGTH = 300;

export function parseGithubRepository(repo: string | null | undefined): GithubRepository | null {
  if (!repo || repo.length > MAX_LENGTH) return null;
  const path = repo.trim().replace(GITHUB_PREFIX, "").replace(/\/+$/, "").replace(/\.git$/i, "");
  const match = OWNER_AND_NAME.exec(path);
  if (!match || match[2] === "." || match[2] === "..") return null;
  return { owner: match[1]!, name: match[2]!, fullName: `${match[1]}/${match[2]}` };
}

/** The form a project's `repo` is stored in: `owner/name` for GitHub, anything else as given. */
export function normalizeRepository(repo: string | null | undefined): string | null {
  if (repo === null || repo === undefined) return null;
  return parseGithubRepository(repo)?.fullName ?? repo;
}

/** Whether two spellings name the same GitHub repository. */
export function sameGithubRepository(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = parseGithubRepository(a);
  const right = parseGithubRepository(b);
  return left !== null && right !== null && left.fullName.toLowerCase() === right.fullName.toLowerCase();
}
