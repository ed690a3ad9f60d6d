// A row of healing.auto_fixes as the application sees it.

export const ACTIVE_STATES = ["detected", "diagnosing", "fixing", "validating", "applied", "watching"] as const;
export const TERMINAL_STATES = ["healed", "not_healed", "regressed", "rolled_back", "needs_human", "rejected"] as const;

export type MissionState =
  | (typeof ACTIVE_STATES)[number]
  | (typeof TERMINAL_STATES)[number]
  | "proposed";

export interface MissionRow {
  id: string;
  project_id: string;
  detected_error_id: string;
  fingerprint: string;
  trace_id: string;
  state: MissionState;
  incident: Record<string, unknown>;
  severity: "P0" | "P1" | "P2" | "P3" | "P4" | null;
  severity_inputs: Record<string, unknown> | null;
  diagnosis: Record<string, unknown> | null;
  fix: Record<string, unknown> | null;
  validation: Record<string, unknown> | null;
  attempts: number;
  pattern_id: string | null;
  confidence: number | null;
  risk: "low" | "medium" | "high" | null;
  decision: "auto_apply" | "pull_request" | "needs_human" | "rejected" | null;
  decision_reason: string | null;
  branch: string | null;
  commit_sha: string | null;
  fixed_at: Date | null;
  merge_commit: string | null;
  revert_commit: string | null;
  deployed_at: Date | null;
  watch_until: Date | null;
  verdict: Record<string, unknown> | null;
  learned_at: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

export const MISSION_COLUMNS = `id, project_id, detected_error_id, fingerprint, trace_id, state, incident, severity,
  severity_inputs, diagnosis, fix, validation, attempts, pattern_id, confidence, risk, decision,
  decision_reason, branch, commit_sha, fixed_at, merge_commit, revert_commit, deployed_at, watch_until,
  verdict, learned_at, last_error, created_at, updated_at`;
