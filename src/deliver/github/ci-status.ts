import type { GithubCheckRun, GithubCommitStatus } from "./schema.ts";

// One verdict over a head commit's check runs (GitHub Actions, apps) and commit statuses (older
// CI integrations): pure, so the follow-up logic is tested with literals.

export type ChecksStatus = "pending" | "success" | "failure" | "none";

export interface FailingCheck {
  name: string;
  summary: string;
}

export interface ChecksSummary {
  status: ChecksStatus;
  failing: FailingCheck[];
  /** Names of checks still queued or running. */
  pending: string[];
  total: number;
}

/** Conclusions that mean the change is not acceptable as it is. */
const FAILING_CONCLUSIONS = new Set(["failure", "timed_out", "cancelled", "action_required", "startup_failure", "stale"]);
const FAILING_STATES = new Set(["failure", "error"]);
const MAX_SUMMARY_CHARS = 500;

export function summarizeChecks(checkRuns: GithubCheckRun[], statuses: GithubCommitStatus[]): ChecksSummary {
  const failing: FailingCheck[] = [];
  const pending: string[] = [];
  // A re-run check has several runs with the same name; the newest one counts.
  for (const run of latestBy(checkRuns, (r) => r.name, (r) => r.id)) {
    if (run.status !== "completed") {
      pending.push(run.name);
      continue;
    }
    if (FAILING_CONCLUSIONS.has(run.conclusion ?? "")) {
      const text = run.output?.title || run.output?.summary || `concluded ${run.conclusion}`;
      failing.push({ name: run.name, summary: capText(text) });
    }
  }
  // The combined status already keeps the latest status per context; dedupe anyway.
  const contexts = latestBy(statuses, (s) => s.context, (_s, index) => index);
  for (const status of contexts) {
    if (status.state === "pending") pending.push(status.context);
    else if (FAILING_STATES.has(status.state)) {
      failing.push({ name: status.context, summary: capText(status.description || `state ${status.state}`) });
    }
  }
  const total = contexts.length + new Set(checkRuns.map((r) => r.name)).size;
  const status: ChecksStatus = failing.length > 0 ? "failure" : pending.length > 0 ? "pending" : total > 0 ? "success" : "none";
  return { status, failing, pending, total };
}

/** One line per failing check, for the mission record and the next attempt's feedback. */
export function describeFailingChecks(failing: FailingCheck[]): string {
  if (failing.length === 0) return "No failing checks.";
  return failing.map((check) => `${check.name}: ${check.summary}`).join("\n");
}

function latestBy<T>(items: T[], key: (item: T) => string, order: (item: T, index: number) => number): T[] {
  const latest = new Map<string, { item: T; rank: number }>();
  items.forEach((item, index) => {
    const rank = order(item, index);
    const current = latest.get(key(item));
    if (!current || rank > current.rank) latest.set(key(item), { item, rank });
  });
  return [...latest.values()].map((entry) => entry.item);
}

function capText(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_SUMMARY_CHARS ? `${line.slice(0, MAX_SUMMARY_CHARS - 1)}…` : line;
}
