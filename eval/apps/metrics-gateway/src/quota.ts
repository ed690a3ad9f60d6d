export class QuotaExceededError extends Error {
  readonly retryAfterSeconds: number;
  constructor(projectId: string, retryAfterSeconds: number) {
    super(`Project ${projectId} is over its points-per-minute quota`);
    this.name = "QuotaExceededError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Fixed one-minute windows per project. */
export function createQuota(clock: () => number) {
  const used = new Map<string, { window: number; points: number }>();
  return {
    take(projectId: string, limit: number, points: number): void {
      const window = Math.floor(clock() / 60_000);
      const entry = used.get(projectId);
      const current = entry && entry.window === window ? entry.points : 0;
      if (current + points > limit) throw new QuotaExceededError(projectId, 60 - Math.floor((clock() % 60_000) / 1000));
      used.set(projectId, { window, points: current + points });
    },
  };
}
