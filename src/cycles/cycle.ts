// What every cycle takes and returns.

export interface CycleOptions {
  /** Epoch ms by which the cycle stops taking new work; the next tick resumes. */
  deadline: number;
  /** Restrict to one project (replay, tests); all projects when absent. */
  projectId?: string | null;
}

export interface CycleReport {
  processed: number;
  opened: number;
  failed: number;
  deadlineReached: boolean;
  errors: string[];
}

/** A report of nothing done yet: every cycle starts from it. */
export function emptyCycleReport(): CycleReport {
  return { processed: 0, opened: 0, failed: 0, deadlineReached: false, errors: [] };
}

export const CYCLE_NAMES = ["detect-and-fix", "pattern-learning", "deployment-monitoring", "retention"] as const;
export type CycleName = (typeof CYCLE_NAMES)[number];
