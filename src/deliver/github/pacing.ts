// A minimal stand-in for the Bottleneck group the throttling plugin paces writes with, so the gap
// between writes is configurable (tests) without depending on bottleneck, which is not ours.
// The plugin only ever calls `group.key(id).schedule(jobOptions, fn, ...args)`.

type Job = (...args: unknown[]) => Promise<unknown>;

interface PacingLimiter {
  schedule(jobOptions: unknown, fn: Job, ...args: unknown[]): Promise<unknown>;
}

export interface PacingGroup {
  key(id: string): PacingLimiter;
}

export function createPacingGroup(minGapMs: number): PacingGroup {
  const limiters = new Map<string, PacingLimiter>();
  return {
    key(id) {
      let limiter = limiters.get(id);
      if (!limiter) {
        limiter = createLimiter(minGapMs);
        limiters.set(id, limiter);
      }
      return limiter;
    },
  };
}

function createLimiter(minGapMs: number): PacingLimiter {
  // One job at a time, each starting at least minGapMs after the previous one started.
  let tail: Promise<unknown> = Promise.resolve();
  let lastStart = 0;
  return {
    schedule(_jobOptions, fn, ...args) {
      const run = tail.then(async () => {
        const wait = lastStart + minGapMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        lastStart = Date.now();
        return fn(...args);
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
