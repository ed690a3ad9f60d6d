import type { HealingSettings } from "../config/healing-config.ts";
import type { Severity } from "../detect/severity.ts";
import type { GuardResult } from "../fix/guard/guard-changes.ts";

// What happens to a fix: applied alone, proposed as a pull request, handed to a person, or
// rejected. Checked in order, the first rule that speaks decides:
//   1. the pause switch            → needs_human
//   2. a blocking guard violation  → rejected
//   3. a failed validation         → needs_human (retrying is the caller's job)
//   4. a rate limit reached        → needs_human
//   5. confidence below the PR bar → needs_human
//   6. autonomy 0 (observe only)   → needs_human
//   7. autonomy 1 (propose only)   → pull_request
//   8. autonomy 2 allows auto-apply for P2–P4, autonomy 3 for P1–P4; P0 always asks. Auto-apply
//      also needs confidence ≥ the auto-apply bar, no protected path, and a passing validation
//      (a fix never ships untested). Anything short of that → pull_request.

export type Decision = "auto_apply" | "pull_request" | "needs_human" | "rejected";

export interface PolicyInput {
  confidence: number;
  severity: Severity;
  guard: GuardResult;
  /** null: validation was not run (no test command). */
  validation: { passed: boolean } | null;
  paused: boolean;
  /** Fixes delivered in the last hour, not counting this one. */
  fixesLastHour: number;
  /** Fixes open now (proposed, applied, watched), not counting this one. */
  openFixes: number;
  settings: Pick<HealingSettings, "autonomyLevel" | "thresholds" | "limits">;
}

export interface PolicyDecision {
  decision: Decision;
  reason: string;
}

/** Severities each autonomy level may auto-apply. */
export const AUTO_APPLY_SEVERITIES: Readonly<Record<0 | 1 | 2 | 3, readonly Severity[]>> = {
  0: [],
  1: [],
  2: ["P2", "P3", "P4"],
  3: ["P1", "P2", "P3", "P4"],
};

export function decideFix(input: PolicyInput): PolicyDecision {
  const { guard, validation, settings, severity } = input;
  const confidence = Number.isFinite(input.confidence) ? Math.min(1, Math.max(0, input.confidence)) : 0;
  const { autoApply, pullRequest } = settings.thresholds;
  const conf = formatConfidence(confidence);

  if (input.paused) {
    return {
      decision: "needs_human",
      reason: "Healing is paused for this project; the fix is kept for a person to review and nothing is delivered until healing is resumed.",
    };
  }

  const blocking = guard.violations.find((v) => v.blocking);
  if (!guard.passed || blocking) {
    const rule = blocking ? `${blocking.rule}: ${blocking.message}` : "a blocking guard rule failed";
    return { decision: "rejected", reason: `The guard rejected the fix (${rule}).` };
  }

  if (validation && !validation.passed) {
    return {
      decision: "needs_human",
      reason: "The fix failed validation (the test command did not pass), so it cannot ship; a person should look at the incident.",
    };
  }

  if (input.fixesLastHour >= settings.limits.fixesPerHour) {
    return {
      decision: "needs_human",
      reason: `The rate limit of ${settings.limits.fixesPerHour} fixes per hour is reached (${input.fixesLastHour} in the last hour); the fix is not delivered and is left for a person.`,
    };
  }
  if (input.openFixes >= settings.limits.openFixes) {
    return {
      decision: "needs_human",
      reason: `The limit of ${settings.limits.openFixes} open fixes is reached (${input.openFixes} open); existing fixes must be merged or closed before another is delivered.`,
    };
  }

  if (confidence < pullRequest) {
    return {
      decision: "needs_human",
      reason: `Confidence ${conf} is below the ${formatConfidence(pullRequest)} needed to propose a fix; a person should diagnose this incident.`,
    };
  }

  if (settings.autonomyLevel === 0) {
    return {
      decision: "needs_human",
      reason: `Autonomy level 0 observes only: the fix (confidence ${conf}) is recorded for a person and not delivered.`,
    };
  }
  if (settings.autonomyLevel === 1) {
    return {
      decision: "pull_request",
      reason: `Autonomy level 1 proposes every fix for review; confidence ${conf} clears the ${formatConfidence(pullRequest)} pull-request bar.`,
    };
  }

  const allowed = AUTO_APPLY_SEVERITIES[settings.autonomyLevel];
  if (!allowed.includes(severity)) {
    const why =
      severity === "P0"
        ? "a P0 incident (the app is down) always asks a person"
        : `autonomy level ${settings.autonomyLevel} auto-applies only ${allowed[0]}–P4 incidents and this one is ${severity}`;
    return { decision: "pull_request", reason: `Proposed for review: ${why}.` };
  }
  if (confidence < autoApply) {
    return {
      decision: "pull_request",
      reason: `Proposed for review: confidence ${conf} is below the ${formatConfidence(autoApply)} auto-apply threshold.`,
    };
  }
  if (!guard.autoApplyAllowed) {
    const protectedFile = guard.violations.find((v) => v.rule === "protected-path")?.file;
    return {
      decision: "pull_request",
      reason: `Proposed for review: the fix touches a protected path${protectedFile ? ` (${protectedFile})` : ""}, which is never auto-applied.`,
    };
  }
  if (!validation) {
    return {
      decision: "pull_request",
      reason: `Proposed for review: the fix was not validated (no test command), and an untested fix is never auto-applied.`,
    };
  }
  return {
    decision: "auto_apply",
    reason: `Auto-applied: confidence ${conf} meets the ${formatConfidence(autoApply)} threshold, validation passed, and autonomy level ${settings.autonomyLevel} allows ${severity} fixes.`,
  };
}

/** Up to four decimals, so 0.949 is not shown as the 0.95 it falls short of. */
function formatConfidence(value: number): string {
  return String(Number(value.toFixed(4)));
}
