import { BYTES_PER_GB, priceTiered } from "../pricing/tiers.js";

const round3 = (n) => Math.round(n * 1000) / 1000;

/** Metered lines of an invoice; usage counts only inside the billable window. */
export function usageLines(usage, plan) {
  const egressGb = (usage.egress_bytes ?? 0) / BYTES_PER_GB;
  const requests = Number(usage.requests ?? 0);
  return [
    { code: "egress", description: `Egress ${round3(egressGb)} GB`, quantity: round3(egressGb), cents: Math.round(priceTiered(egressGb, plan.egress)) },
    { code: "requests", description: `${requests} requests`, quantity: requests, cents: Math.round((requests / plan.requests.per) * plan.requests.cents) },
  ];
}
