// Prices in cents. Tiers apply marginally: the first 10 TB at the first rate, and so on.
export const PLANS = {
  starter: { monthlyFee: 2_000, egress: [{ upToGb: 1_000, centsPerGb: 0 }, { upToGb: Infinity, centsPerGb: 8 }], requests: { per: 1_000_000, cents: 60 } },
  growth: { monthlyFee: 25_000, egress: [{ upToGb: 10_000, centsPerGb: 5 }, { upToGb: 100_000, centsPerGb: 3 }, { upToGb: Infinity, centsPerGb: 2 }], requests: { per: 1_000_000, cents: 40 } },
  scale: { monthlyFee: 150_000, egress: [{ upToGb: 100_000, centsPerGb: 2.5 }, { upToGb: 1_000_000, centsPerGb: 1.5 }, { upToGb: Infinity, centsPerGb: 1 }], requests: { per: 1_000_000, cents: 25 } },
};
