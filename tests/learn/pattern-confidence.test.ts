import { describe, expect, it } from "vitest";
import {
  betaCdf,
  betaQuantile,
  combineConfidence,
  posteriorConfidence,
  priorFromBaseConfidence,
} from "../../src/learn/pattern-confidence.ts";

describe("priorFromBaseConfidence", () => {
  it.each([
    [0.9, 10, 9, 1],
    [0.95, 10, 9.5, 0.5],
    [0.5, 4, 2, 2],
    [0.8, undefined, 8, 2],
  ])("turns base %f with strength %s into Beta(%f, %f)", (base, strength, alpha, beta) => {
    const prior = priorFromBaseConfidence(base, strength);
    expect(prior.alpha).toBeCloseTo(alpha, 12);
    expect(prior.beta).toBeCloseTo(beta, 12);
  });

  it("keeps a base of 0 or 1 a proper prior that outcomes can move", () => {
    const certain = priorFromBaseConfidence(1);
    expect(certain.beta).toBeGreaterThan(0);
    expect(posteriorConfidence({ successes: 0, failures: 5 }, certain).mean).toBeLessThan(0.7);
    expect(priorFromBaseConfidence(0).alpha).toBeGreaterThan(0);
  });
});

describe("posteriorConfidence", () => {
  it.each([
    // successes, failures, base, mean, lower (5 % quantile of Beta(α + s, β + f), from scipy.stats.beta.ppf)
    [0, 0, 0.5, 0.5, 0.25136762740817725],
    [10, 0, 0.95, 0.975, 0.9050555310747519],
    [0, 0, 0.95, 0.95, 0.812634335939683],
    [8, 2, 0.9, 0.85, 0.7041979860249497],
    [3, 7, 0.5, 0.4, 0.22972091932616245],
  ])("after %d successes and %d failures on base %f: mean %f, lower %f", (successes, failures, base, mean, lower) => {
    const result = posteriorConfidence({ successes, failures }, priorFromBaseConfidence(base));
    expect(result.mean).toBeCloseTo(mean, 10);
    expect(result.lower).toBeCloseTo(lower, 9);
  });

  it("keeps the lower bound below the mean and rising with evidence", () => {
    const prior = priorFromBaseConfidence(0.9);
    let previous = 0;
    for (const n of [0, 5, 20, 100, 1000]) {
      const { mean, lower } = posteriorConfidence({ successes: n, failures: 0 }, prior);
      expect(lower).toBeLessThan(mean);
      expect(lower).toBeGreaterThan(previous);
      previous = lower;
    }
  });
});

describe("Beta distribution", () => {
  it.each([
    [0.5, 2, 3, 0.6875],
    [0.3, 1, 1, 0.3],
    [0.2, 2, 2, 0.104],
    [0.9, 5, 1, 0.59049],
  ])("P(X ≤ %f) for Beta(%f, %f) is %f", (x, a, b, expected) => {
    expect(betaCdf(x, a, b)).toBeCloseTo(expected, 10);
  });

  it("inverts its CDF", () => {
    for (const [q, a, b] of [
      [0.05, 9.5, 0.5],
      [0.5, 2, 3],
      [0.95, 30, 4],
      [0.01, 1000, 10],
    ]) {
      expect(betaCdf(betaQuantile(q, a, b), a, b)).toBeCloseTo(q, 9);
    }
  });
});

describe("combineConfidence", () => {
  const base = { patternBase: 0.97, stats: { successes: 0, failures: 0 }, validationPassed: true as boolean | null, changedLines: 2 };

  it("removes part of the remaining doubt when the app's tests pass on the fix", () => {
    expect(combineConfidence(base)).toBeCloseTo(1 - 0.03 * 0.65, 12);
    expect(combineConfidence({ ...base, patternBase: 0.9 })).toBeCloseTo(0.935, 12);
  });

  it("lets a validated small fix of a high-base pattern with a clean record reach 0.95", () => {
    expect(combineConfidence({ ...base, patternBase: 0.93 })).toBeGreaterThanOrEqual(0.95);
    expect(combineConfidence({ ...base, patternBase: 0.9 })).toBeLessThan(0.95);
    expect(combineConfidence({ ...base, patternBase: 0.9, stats: { successes: 12, failures: 0 } })).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    [0, 3],
    [10, 3],
    [20, 3],
    [40, 4],
  ])("keeps a pattern with %d successes and %d failures below 0.95", (successes, failures) => {
    expect(combineConfidence({ ...base, patternBase: 0.97, stats: { successes, failures } })).toBeLessThan(0.95);
  });

  it("penalizes an untested fix below the auto-apply bar", () => {
    expect(combineConfidence({ ...base, validationPassed: null })).toBeCloseTo(0.873, 10);
    expect(combineConfidence({ ...base, patternBase: 0.999, stats: { successes: 1000, failures: 0 }, validationPassed: null })).toBeLessThan(0.95);
  });

  it("caps a fix that failed validation at 0.5", () => {
    expect(combineConfidence({ ...base, validationPassed: false })).toBeCloseTo(0.485, 10);
    expect(combineConfidence({ ...base, patternBase: 1, stats: { successes: 1000, failures: 0 }, validationPassed: false })).toBeLessThanOrEqual(0.5);
  });

  it.each([
    [4, 0.9805],
    [10, 0.9805 * 0.97],
    [30, 0.9805 * 0.87],
    [500, 0.9805 * 0.5],
  ])("scales %d changed lines to %f", (changedLines, expected) => {
    expect(combineConfidence({ ...base, changedLines })).toBeCloseTo(expected, 10);
  });

  it("lets a model's own rating lower the confidence but never raise it", () => {
    expect(combineConfidence({ ...base, modelConfidence: 0.6 })).toBe(0.6);
    expect(combineConfidence({ ...base, modelConfidence: 1 })).toBeCloseTo(0.9805, 12);
    expect(combineConfidence({ ...base, modelConfidence: null })).toBeCloseTo(0.9805, 12);
  });

  it("stays within [0, 1] for broken inputs", () => {
    for (const value of [Number.NaN, -1, 2, Number.POSITIVE_INFINITY]) {
      const c = combineConfidence({ patternBase: value, stats: { successes: value, failures: value }, validationPassed: true, changedLines: value, modelConfidence: value });
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  describe("properties", () => {
    const bases = [0.3, 0.6, 0.85, 0.95, 0.99];
    const validations = [true, false, null];
    const lines = [1, 6, 30];

    it("never rises with more failures", () => {
      for (const patternBase of bases)
        for (const validationPassed of validations)
          for (const changedLines of lines)
            for (let successes = 0; successes <= 40; successes += 8) {
              let previous = Number.POSITIVE_INFINITY;
              for (let failures = 0; failures <= 20; failures++) {
                const c = combineConfidence({ patternBase, stats: { successes, failures }, validationPassed, changedLines });
                expect(c).toBeLessThanOrEqual(previous);
                previous = c;
              }
            }
    });

    it("never falls with more successes", () => {
      for (const patternBase of bases)
        for (let failures = 0; failures <= 10; failures += 2) {
          let previous = Number.NEGATIVE_INFINITY;
          for (let successes = 0; successes <= 60; successes++) {
            const c = combineConfidence({ patternBase, stats: { successes, failures }, validationPassed: true, changedLines: 2 });
            expect(c).toBeGreaterThanOrEqual(previous);
            previous = c;
          }
        }
    });

    it("never rises with more changed lines", () => {
      for (const patternBase of bases) {
        let previous = Number.POSITIVE_INFINITY;
        for (let changedLines = 0; changedLines <= 200; changedLines++) {
          const c = combineConfidence({ patternBase, stats: { successes: 3, failures: 1 }, validationPassed: true, changedLines });
          expect(c).toBeLessThanOrEqual(previous);
          previous = c;
        }
      }
    });

    it("ranks passed above not run above failed", () => {
      for (const patternBase of bases) {
        const at = (validationPassed: boolean | null) =>
          combineConfidence({ patternBase, stats: { successes: 5, failures: 1 }, validationPassed, changedLines: 3 });
        expect(at(true)).toBeGreaterThan(at(null));
        expect(at(null)).toBeGreaterThan(at(false));
      }
    });
  });
});
