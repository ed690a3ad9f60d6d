import { parseTimestamp, periodBounds } from "../time.js";

/**
 * The part of a billing period a subscription pays for: after its trial, before its
 * cancellation. `fraction` scales the monthly fee.
 */
export function billableWindow(subscription, period) {
  const { start, end } = periodBounds(period);
  const trialEnd = subscription.trialEndsAt ? new Date(subscription.trialEndsAt).getTime() : -Infinity;
  const canceledAt = subscription.canceledAt ? parseTimestamp(subscription.canceledAt) : Infinity;
  const from = Math.max(start, trialEnd);
  const to = Math.min(end, canceledAt);
  if (to <= from) return { billable: false, from: new Date(start).toISOString(), to: new Date(start).toISOString(), fraction: 0 };
  return {
    billable: true,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    fraction: Math.round(((to - from) / (end - start)) * 10_000) / 10_000,
  };
}
