// How much to trust a fix pattern, learned from its outcomes.
//
// A pattern's success rate is modelled as Beta(α, β). The pattern's hand-set base confidence is
// the prior, worth `strength` pseudo-observations (10 by default: ten real outcomes weigh as much
// as the author's guess). Each healed fix adds a success, each fix that did not heal or regressed
// adds a failure. The posterior mean is the estimate; the 5 % quantile is a conservative lower
// bound for decisions that must not rest on luck (promoting a universal pattern, tuning).

import { logGamma } from "../core/special-functions.ts";

export interface PatternStats {
  successes: number;
  failures: number;
}

export interface BetaPrior {
  alpha: number;
  beta: number;
}

export const DEFAULT_PRIOR_STRENGTH = 10;
/** Quantile reported as `lower`. */
export const LOWER_BOUND_QUANTILE = 0.05;

/** A base confidence of exactly 0 or 1 would be an improper prior that no outcome can move. */
const BASE_EPSILON = 1e-3;

export function priorFromBaseConfidence(base: number, strength: number = DEFAULT_PRIOR_STRENGTH): BetaPrior {
  const p = Number.isFinite(base) ? Math.min(1 - BASE_EPSILON, Math.max(BASE_EPSILON, base)) : 0.5;
  const s = Number.isFinite(strength) && strength > 0 ? strength : DEFAULT_PRIOR_STRENGTH;
  const alpha = p * s;
  return { alpha, beta: s - alpha };
}

export function posteriorConfidence(stats: PatternStats, prior: BetaPrior): { mean: number; lower: number } {
  const a = prior.alpha + nonNegative(stats.successes);
  const b = prior.beta + nonNegative(stats.failures);
  return { mean: a / (a + b), lower: betaQuantile(LOWER_BOUND_QUANTILE, a, b) };
}

// combineConfidence, the confidence a fix is decided on:
//
//   c = posterior mean (base as prior, recorded outcomes)
//   c = 1 − (1 − c) × VALIDATED_RISK_FACTOR   when the app's tests passed on the fix
//     × size factor     1 up to SMALL_CHANGE_LINES changed lines, then −0.5 % per line, floor 0.5
//     × UNTESTED_FACTOR when validation did not run
//     × 0.5             when validation failed (so c ≤ 0.5)
//   c = min(c, modelConfidence) when a model rated its own fix (it may lower, never raise)
//   clamped to [0, 1].
//
// A pattern's base confidence is its author's belief before the fix meets the app's tests; a
// passing run removes part of the remaining doubt (the fix broke nothing the tests know), not all
// of it (the tests rarely cover the bug itself). With 0.65, a clean-record pattern needs a base of
// about 0.93 to reach the 0.95 auto-apply bar, and 3 recorded failures keep even a 0.97 pattern
// below it until its record is far better than 91 %. Untested fixes stay below 0.95 whatever the
// record (policy refuses to auto-apply them anyway).

export const SMALL_CHANGE_LINES = 4;
export const PER_LINE_PENALTY = 0.005;
export const MIN_SIZE_FACTOR = 0.5;
export const UNTESTED_FACTOR = 0.9;
export const VALIDATED_RISK_FACTOR = 0.65;
export const FAILED_VALIDATION_FACTOR = 0.5;

export function combineConfidence(input: {
  patternBase: number;
  stats: PatternStats;
  validationPassed: boolean | null;
  changedLines: number;
  modelConfidence?: number | null;
}): number {
  const { mean } = posteriorConfidence(input.stats, priorFromBaseConfidence(input.patternBase));
  const lines = nonNegative(input.changedLines);
  const sizeFactor = Math.max(MIN_SIZE_FACTOR, 1 - PER_LINE_PENALTY * Math.max(0, lines - SMALL_CHANGE_LINES));
  let confidence = (input.validationPassed === true ? 1 - (1 - mean) * VALIDATED_RISK_FACTOR : mean) * sizeFactor;
  if (input.validationPassed === null) confidence *= UNTESTED_FACTOR;
  else if (!input.validationPassed) confidence *= FAILED_VALIDATION_FACTOR;
  const model = input.modelConfidence;
  if (model !== null && model !== undefined) confidence = Math.min(confidence, Number.isFinite(model) ? model : 0);
  return Math.min(1, Math.max(0, confidence));
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

// ---------------------------------------------------------------------------------------------
// Beta distribution


/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast only below the mean; use the symmetry above it.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** The x with P(X ≤ x) = q for X ~ Beta(a, b), by bisection (the CDF is monotone). */
export function betaQuantile(q: number, a: number, b: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (betaCdf(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
