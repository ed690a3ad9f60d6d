import type { HealingSettings } from "../config/healing-config.ts";
import { logGamma } from "../core/special-functions.ts";

// When does an error group become an incident? Three ways:
//   1. a new group (never an incident) reaches `newGroupMinEvents` events;
//   2. a group's current window spikes against its own baseline (its previous windows);
//   3. a resolved group fires again (a regression).
// Groups with an open incident (`incident`, `fixing`) never produce a second one.
//
// Spike test. Error counts are small integers and often sparse (many zero windows), where the
// median absolute deviation is 0 and a z-score would divide by zero; busy groups are overdispersed
// (traffic follows the day), where a Poisson model would flag every afternoon. So both models are
// scored and the *less* surprised one decides:
//   - Poisson: p = P(X ≥ current | λ = baseline mean), turned into the one-sided normal z with the
//     same tail probability so it is comparable with the MAD score;
//   - robust z: (current − median) / (1.4826 · MAD), only when MAD > 0.
// A spike needs score ≥ spikeZ and at least `spikeMinEvents` events in the window (0 → 1 is noise).

export type GroupStatus = "new" | "incident" | "fixing" | "resolved" | "ignored" | "regressed";

export interface GroupActivity {
  fingerprint: string;
  status: GroupStatus;
  firstSeen: Date;
  /** Events over the group's life. */
  eventCount: number;
  /** Counts per window, oldest first; the LAST element is the current window. */
  windowCounts: number[];
}

export type IncidentReason =
  | { kind: "new-group"; events: number; threshold: number }
  | { kind: "spike"; current: number; baseline: number; score: number; method: "poisson" | "mad" }
  | { kind: "regressed"; current: number; events: number };

export type DetectionSettings = HealingSettings["detection"];

/** Fewer previous windows than this are no baseline; such a group is judged by the new-group rule. */
export const MIN_BASELINE_WINDOWS = 3;
/** Scales the MAD to the standard deviation of a normal distribution. */
export const MAD_SCALE = 1.4826;
/**
 * Above this mean the Poisson tail uses the normal approximation with continuity correction.
 * Below it the exact log-space sum costs under a few milliseconds (≈ 40·√λ terms at worst), and
 * it stays right far into the tail, where the normal curve is much too thin (λ = 1e6, k = 2e6:
 * ln p is −386,302 exactly, −500,007 by the normal curve). Above 1e7 the skew (1/√λ) is
 * negligible near any threshold that matters.
 */
export const POISSON_NORMAL_APPROX_LAMBDA = 1e7;

export function detectIncident(group: GroupActivity, settings: DetectionSettings): IncidentReason | null {
  const counts = group.windowCounts.map(sanitizeCount);
  const current = counts.length > 0 ? counts[counts.length - 1] : 0;
  const events = sanitizeCount(group.eventCount);

  switch (group.status) {
    case "incident":
    case "fixing":
      return null;
    case "resolved":
      return current > 0 ? { kind: "regressed", current, events } : null;
    case "regressed":
      // Set when a resolved group fired again and no incident was opened for it yet.
      return { kind: "regressed", current, events };
    case "new":
      if (events >= settings.newGroupMinEvents) {
        return { kind: "new-group", events, threshold: settings.newGroupMinEvents };
      }
      return detectSpike(counts, settings);
    case "ignored":
      // Ignored means "not worth a fix at its usual rate"; a spike is a different situation
      // (Sentry's "archive until escalating" behaves the same way).
      return detectSpike(counts, settings);
  }
}

/** Spike of the last window against the previous `baselineWindows` windows, or null. */
export function detectSpike(
  windowCounts: number[],
  settings: Pick<DetectionSettings, "baselineWindows" | "spikeMinEvents" | "spikeZ">,
): Extract<IncidentReason, { kind: "spike" }> | null {
  if (windowCounts.length === 0) return null;
  const counts = windowCounts.map(sanitizeCount);
  const current = counts[counts.length - 1];
  const baseline = counts.slice(0, -1).slice(-Math.max(1, settings.baselineWindows));
  if (baseline.length < MIN_BASELINE_WINDOWS) return null;
  if (current < settings.spikeMinEvents) return null;

  const score = spikeScore(current, baseline);
  if (score.score < settings.spikeZ) return null;
  return { kind: "spike", current, ...score };
}

/** The less surprised of the Poisson and robust-z models; see the header comment. */
export function spikeScore(
  current: number,
  baseline: number[],
): { baseline: number; score: number; method: "poisson" | "mad" } {
  const n = baseline.length;
  const mean = baseline.reduce((sum, c) => sum + c, 0) / n;
  // An all-zero baseline still has some rate: half an event over the whole baseline keeps λ > 0
  // and the score finite.
  const lambda = Math.max(mean, 0.5 / n);
  const poisson = { baseline: mean, score: normalZFromLogTail(logPoissonUpperTail(current, lambda)), method: "poisson" as const };

  const med = median(baseline);
  const mad = median(baseline.map((c) => Math.abs(c - med)));
  if (mad === 0) return poisson;
  const madScore = (current - med) / (MAD_SCALE * mad);
  if (madScore < poisson.score) return { baseline: med, score: madScore, method: "mad" };
  return poisson;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sanitizeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

// ---------------------------------------------------------------------------------------------
// Special functions. Everything stays in log space: for λ = 1e6 the Poisson terms are far below
// the smallest double, and a spike's p-value can be too.


/** ln P(X ≥ k) for X ~ Poisson(λ). Exact log-space sum; normal approximation for huge λ. */
export function logPoissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (!(lambda > 0)) return Number.NEGATIVE_INFINITY;
  if (lambda > POISSON_NORMAL_APPROX_LAMBDA) {
    // Continuity correction: P(X ≥ k) ≈ P(Z ≥ (k − 0.5 − λ)/√λ).
    return logNormalUpperTail((k - 0.5 - lambda) / Math.sqrt(lambda));
  }
  const logLambda = Math.log(lambda);
  const logPmf = (i: number) => -lambda + i * logLambda - logGamma(i + 1);

  if (k > lambda) {
    // Terms fall from i = k on (ratio λ/(i+1) < 1): sum them relative to the first.
    let term = 1;
    let sum = 1;
    for (let i = k + 1; term > sum * 1e-17; i++) {
      term *= lambda / i;
      sum += term;
    }
    return logPmf(k) + Math.log(sum);
  }
  // k ≤ λ: the tail is ≥ ~1/2, so 1 − P(X ≤ k − 1) loses nothing. Sum the lower part downwards.
  let term = 1;
  let sum = 1;
  for (let i = k - 1; i > 0 && term > sum * 1e-17; i--) {
    term *= i / lambda;
    sum += term;
  }
  const logLower = logPmf(k - 1) + Math.log(sum);
  return Math.log1p(-Math.exp(Math.min(0, logLower)));
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Q(z) = ln P(Z ≥ z) for a standard normal Z, accurate far into the tail. */
export function logNormalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return Math.log1p(-Math.exp(logNormalUpperTail(-z)));
  const logPhi = -0.5 * z * z - LOG_SQRT_2PI;
  if (z < 3) {
    // Φ(z) − 1/2 = φ(z) · Σ z^(2n+1) / (1·3·…·(2n+1)); all terms positive, no cancellation.
    let term = z;
    let sum = z;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= (z * z) / (2 * n + 1);
      sum += term;
    }
    return Math.log(0.5 - Math.exp(logPhi) * sum);
  }
  // Mills ratio continued fraction Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), modified Lentz.
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let j = 1; j < 1000; j++) {
    d = z + j * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + j / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return logPhi - Math.log(f);
}

/** The z with ln Q(z) = logTail (bisection; ln Q is strictly decreasing). */
export function normalZFromLogTail(logTail: number): number {
  if (Number.isNaN(logTail)) return Number.NaN;
  if (logTail === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (logTail >= 0) return Number.NEGATIVE_INFINITY;
  let lo = -40;
  let hi = Math.max(40, Math.sqrt(-2 * logTail) + 2);
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (logNormalUpperTail(mid) > logTail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
