import { logGamma } from "../../src/core/special-functions.ts";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../src/config/healing-config.ts";
import {
  detectIncident,
  detectSpike,
  type GroupActivity,
  logNormalUpperTail,
  logPoissonUpperTail,
  median,
  normalZFromLogTail,
  spikeScore,
} from "../../src/detect/incident.ts";

const detection = parseSettings({}).detection; // newGroupMinEvents 3, spikeMinEvents 5, spikeZ 3.5, 24 windows

function group(overrides: Partial<GroupActivity>): GroupActivity {
  return {
    fingerprint: "f1a2b3",
    status: "new",
    firstSeen: new Date("2025-03-01T10:00:00Z"),
    eventCount: 0,
    windowCounts: [],
    ...overrides,
  };
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);

describe("detectIncident", () => {
  it("opens an incident for a new group at the event threshold", () => {
    expect(detectIncident(group({ eventCount: 3, windowCounts: [3] }), detection)).toEqual({
      kind: "new-group",
      events: 3,
      threshold: 3,
    });
  });

  it("waits while a new group is below the threshold", () => {
    expect(detectIncident(group({ eventCount: 2, windowCounts: [2] }), detection)).toBeNull();
  });

  it("honours a configured threshold", () => {
    const settings = { ...detection, newGroupMinEvents: 10 };
    expect(detectIncident(group({ eventCount: 9, windowCounts: [9] }), settings)).toBeNull();
    expect(detectIncident(group({ eventCount: 10, windowCounts: [10] }), settings)?.kind).toBe("new-group");
  });

  it.each(["incident", "fixing"] as const)("never opens a second incident for a group with status %s", (status) => {
    const spiking = group({ status, eventCount: 5000, windowCounts: [...zeros(24), 4000] });
    expect(detectIncident(spiking, detection)).toBeNull();
  });

  it("reports a resolved group that fires again as a regression", () => {
    const reason = detectIncident(group({ status: "resolved", eventCount: 41, windowCounts: [...zeros(23), 40, 1] }), detection);
    expect(reason).toEqual({ kind: "regressed", current: 1, events: 41 });
  });

  it("leaves a quiet resolved group alone", () => {
    expect(detectIncident(group({ status: "resolved", eventCount: 40, windowCounts: [...zeros(22), 40, 0] }), detection)).toBeNull();
  });

  it("reports a group already marked regressed", () => {
    expect(detectIncident(group({ status: "regressed", eventCount: 12, windowCounts: [0, 0, 2] }), detection)).toEqual({
      kind: "regressed",
      current: 2,
      events: 12,
    });
  });

  it("escalates an ignored group that spikes", () => {
    const reason = detectIncident(group({ status: "ignored", eventCount: 300, windowCounts: [...zeros(24), 30] }), detection);
    expect(reason?.kind).toBe("spike");
  });

  it("keeps an ignored group ignored at its usual rate", () => {
    const steady = [4, 6, 5, 3, 5, 7, 4, 5, 6, 4, 5, 5, 6, 4, 5, 3, 6, 5, 4, 6, 5, 5, 4, 6];
    expect(detectIncident(group({ status: "ignored", eventCount: 500, windowCounts: [...steady, 6] }), detection)).toBeNull();
  });
});

describe("detectSpike", () => {
  it("flags 5 events after a day of silence (Poisson, MAD = 0)", () => {
    const spike = detectSpike([...zeros(24), 5], detection);
    expect(spike).toMatchObject({ kind: "spike", current: 5, baseline: 0, method: "poisson" });
    expect(spike!.score).toBeGreaterThan(3.5);
    expect(Number.isFinite(spike!.score)).toBe(true);
  });

  it("never calls 0 → 1 a spike", () => {
    expect(detectSpike([...zeros(24), 1], detection)).toBeNull();
  });

  it("requires the minimum count in the current window", () => {
    expect(detectSpike([...zeros(24), 4], detection)).toBeNull();
    expect(detectSpike([...zeros(24), 4], { ...detection, spikeMinEvents: 3 })?.kind).toBe("spike");
  });

  it("flags a jump on a sparse baseline and not normal noise on it", () => {
    const sparse = [1, 0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    expect(detectSpike([...sparse, 8], detection)?.method).toBe("poisson");
    expect(detectSpike([...sparse, 2], detection)).toBeNull();
  });

  it("does not flag a busy hour of a group whose traffic swings through the day (MAD decides)", () => {
    const daily = [50, 200, 80, 150, 100, 30, 170, 60, 120, 90, 210, 40];
    expect(spikeScore(300, daily).method).toBe("mad");
    expect(detectSpike([...daily, 300], detection)).toBeNull();
  });

  it("flags a tenfold jump on a varied baseline", () => {
    const daily = [50, 200, 80, 150, 100, 30, 170, 60, 120, 90, 210, 40];
    const spike = detectSpike([...daily, 1000], detection);
    expect(spike).toMatchObject({ kind: "spike", current: 1000, baseline: 95, method: "mad" });
    expect(spike!.score).toBeCloseTo((1000 - 95) / (1.4826 * 50), 6);
  });

  it("handles a perfectly flat baseline without dividing by zero", () => {
    const flat = Array.from({ length: 24 }, () => 100);
    expect(detectSpike([...flat, 110], detection)).toBeNull();
    expect(detectSpike([...flat, 160], detection)).toMatchObject({ kind: "spike", method: "poisson", baseline: 100 });
  });

  it("does not trust an unusually steady baseline more than Poisson noise", () => {
    // MAD 0.5 would make 9 look like z = 4.7; Poisson with λ = 5.5 says it is ordinary.
    expect(detectSpike([5, 6, 5, 6, 5, 6, 5, 6, 9], detection)).toBeNull();
  });

  it("needs three previous windows to have a baseline", () => {
    expect(detectSpike([0, 0, 50], detection)).toBeNull();
    expect(detectSpike([0, 0, 0, 50], detection)?.kind).toBe("spike");
    expect(detectSpike([], detection)).toBeNull();
  });

  it("looks back only baselineWindows windows", () => {
    const history = [900, 900, 900, 0, 0, 0, 0, 40];
    expect(detectSpike(history, { ...detection, baselineWindows: 4 })?.kind).toBe("spike");
    expect(detectSpike(history, { ...detection, baselineWindows: 24 })).toBeNull();
  });

  it("ignores negative or fractional counts from a broken query", () => {
    expect(detectSpike([-3, Number.NaN, 0, 0, 5.9], detection)?.current).toBe(5);
  });

  it("scores higher as the current window grows (monotone)", () => {
    const baseline = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    let previous = Number.NEGATIVE_INFINITY;
    for (let current = 0; current <= 200; current += 5) {
      const { score } = spikeScore(current, baseline);
      expect(score).toBeGreaterThanOrEqual(previous);
      previous = score;
    }
  });
});

describe("Poisson and normal tails", () => {
  it.each([
    // Exact values: P(X ≥ k) = 1 − Σ_{i<k} e^{−λ} λ^i / i!
    [5, 1, 0.0036598468273437],
    [3, 3, 0.5768099188731566],
    [1, 2, 1 - Math.exp(-2)],
    [10, 2, 4.6498075017109564e-5],
    [20, 10, 0.0034543419758567],
  ])("P(X ≥ %d | λ = %d) = %f", (k, lambda, expected) => {
    expect(Math.exp(logPoissonUpperTail(k, lambda)) / expected).toBeCloseTo(1, 7);
  });

  it("is 1 for k ≤ 0 and 0 for λ = 0", () => {
    expect(logPoissonUpperTail(0, 5)).toBe(0);
    expect(logPoissonUpperTail(3, 0)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("stays finite and accurate for λ = 1e6", () => {
    const near = logPoissonUpperTail(1_003_500, 1e6); // 3.5 σ above the mean
    expect(near).toBeCloseTo(-8.357171373316037, 7); // scipy.stats.poisson.logsf
    const far = logPoissonUpperTail(2_000_000, 1e6); // p underflows a double; its log does not
    expect(far).toBeCloseTo(-386301.84, 1);
    expect(logPoissonUpperTail(999_000, 1e6)).toBeCloseTo(-0.17260996540313073, 7);
  });

  it("uses a normal approximation close to the exact sum for huge λ", () => {
    const exactish = logPoissonUpperTail(10_011_000, 9_999_999); // exact branch
    const approx = logPoissonUpperTail(10_011_000, 10_000_001); // normal branch
    expect(approx).toBeCloseTo(exactish, 1);
    expect(Number.isFinite(logPoissonUpperTail(1e9 + 1e6, 1e9))).toBe(true);
  });

  it.each([
    [0, 0.5],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316301],
    [-1, 0.8413447460685429],
    [10, 7.619853024160527e-24],
  ])("Q(%f) = %f", (z, expected) => {
    expect(Math.exp(logNormalUpperTail(z)) / expected).toBeCloseTo(1, 9);
  });

  it("continues far into the normal tail in log space", () => {
    expect(logNormalUpperTail(100)).toBeCloseTo(-5005.524208694205, 8); // scipy.stats.norm.logsf(100)
  });

  it("inverts the normal tail", () => {
    expect(normalZFromLogTail(Math.log(1e-3))).toBeCloseTo(3.090232306, 6);
    expect(normalZFromLogTail(Math.log(0.5))).toBeCloseTo(0, 9);
    for (const z of [-3, 0.5, 3.5, 12, 250]) expect(normalZFromLogTail(logNormalUpperTail(z))).toBeCloseTo(z, 6);
    expect(normalZFromLogTail(Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("computes ln Γ", () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });

  it("takes the median of odd and even lists", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
