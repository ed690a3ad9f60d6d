// Road lanes between hubs: typical transit days and the daily cut-off (UTC) at the origin hub.
export interface Lane {
  from: string;
  to: string;
  transitDays: number;
  cutoffHourUtc: number;
}

const LANES: Lane[] = [
  { from: "DE", to: "DE", transitDays: 1, cutoffHourUtc: 16 },
  { from: "DE", to: "AT", transitDays: 2, cutoffHourUtc: 15 },
  { from: "DE", to: "NL", transitDays: 2, cutoffHourUtc: 15 },
  { from: "DE", to: "PL", transitDays: 3, cutoffHourUtc: 14 },
  { from: "NL", to: "DE", transitDays: 2, cutoffHourUtc: 15 },
];

export function findLane(from: string, to: string): Lane | undefined {
  return LANES.find((lane) => lane.from === from && lane.to === to);
}

/** Business days only: nothing moves on Sundays. */
export function estimateDelivery(lane: Lane, handedOverAt: Date): Date {
  const eta = new Date(handedOverAt);
  if (eta.getUTCHours() >= lane.cutoffHourUtc) eta.setUTCDate(eta.getUTCDate() + 1);
  let days = lane.transitDays;
  while (days > 0) {
    eta.setUTCDate(eta.getUTCDate() + 1);
    if (eta.getUTCDay() !== 0) days -= 1;
  }
  eta.setUTCHours(18, 0, 0, 0);
  return eta;
}
