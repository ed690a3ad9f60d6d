export const period = "2026-10";

export const accounts = [
  { id: "acc_1001", plan: "growth", country: "NL", subscription: { startedAt: "2025-02-01T00:00:00Z" } },
  { id: "acc_1002", plan: "starter", country: "DE", subscription: { startedAt: "2026-09-14T00:00:00Z", trialEndsAt: "2026-10-15T00:00:00Z" } },
  { id: "acc_1003", plan: "scale", country: "FR", vatId: "FR40303265045", subscription: { startedAt: "2024-06-01T00:00:00Z" } },
  { id: "acc_1004", plan: "growth", country: "BE", subscription: { startedAt: "2023-03-01T00:00:00Z", canceledAt: 1792670400 } },
  { id: "acc_1005", plan: "enterprise", country: "NL", subscription: { startedAt: "2026-01-01T00:00:00Z" } },
];

export const meterCsv = [
  "# period 2026-10, generated 2026-11-01T00:02:11Z",
  "acc_1001,egress_bytes,48250000000000",
  "acc_1001,requests,912000000",
  "acc_1002,egress_bytes,1500000000000",
  "acc_1002,requests,4000000",
  "acc_1003,egress_bytes,310000000000000",
  "acc_1003,requests,8800000000",
  "acc_1004,egress_bytes,9000000000000",
].join("\n");
