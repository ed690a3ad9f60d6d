import type { Sql } from "../sql.ts";

// What a webhook learned about a recorded pull request. Only the given fields change; every
// change moves changed_at so the cycle looks at the mission again on its next tick.

export interface PullRequestFacts {
  state?: "open" | "closed" | "merged";
  mergeCommit?: string | null;
  headSha?: string;
  checksStatus?: "pending" | "success" | "failure" | "none";
  checksSummary?: string | null;
  reviewState?: "approved" | "changes_requested" | "commented" | "dismissed";
  reviewedBy?: string;
}

const COLUMNS: Record<keyof PullRequestFacts, string> = {
  state: "state",
  mergeCommit: "merge_commit",
  headSha: "head_sha",
  checksStatus: "checks_status",
  checksSummary: "checks_summary",
  reviewState: "review_state",
  reviewedBy: "reviewed_by",
};

/** By repository and number; returns the mission ids of the rows it changed. */
export async function updatePullRequestFacts(sql: Sql, where: { repo: string; number: number }, facts: PullRequestFacts, at: Date): Promise<string[]> {
  return update(sql, "repo = lower($1) and number = $2", [where.repo, where.number], facts, at);
}

/** By repository and head commit (check runs and statuses name a commit, not a pull request). */
export async function updatePullRequestFactsByHead(sql: Sql, where: { repo: string; headSha: string }, facts: PullRequestFacts, at: Date): Promise<string[]> {
  return update(sql, "repo = lower($1) and head_sha = $2 and state = 'open'", [where.repo, where.headSha], facts, at);
}

/** By repository and head branch, open pull requests only (a push names a branch). */
export async function updatePullRequestFactsByBranch(sql: Sql, where: { repo: string; branch: string }, facts: PullRequestFacts, at: Date): Promise<string[]> {
  return update(sql, "repo = lower($1) and head_branch = $2 and state = 'open'", [where.repo, where.branch], facts, at);
}

async function update(sql: Sql, condition: string, whereParams: Array<string | number>, facts: PullRequestFacts, at: Date): Promise<string[]> {
  const params: Array<string | number | null> = [...whereParams];
  const sets: string[] = [];
  for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof PullRequestFacts, string]>) {
    if (!(key in facts) || facts[key] === undefined) continue;
    params.push(facts[key] ?? null);
    sets.push(`${column} = $${params.length}`);
  }
  params.push(at.toISOString());
  sets.push(`changed_at = $${params.length}`, "updated_at = now()");
  const rows = await sql.query<{ mission_id: string }>(
    `update healing.pull_requests set ${sets.join(", ")} where ${condition} returning mission_id`,
    params,
  );
  return rows.map((row) => row.mission_id);
}
