import { pruneExpiredRows } from "../store/retention/prune-expired-rows.ts";
import { type CycleOptions, type CycleReport, emptyCycleReport } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";

// Cycle: retention. Deletes bookkeeping rows past their use (request dedupe ids, quota windows,
// old cycle runs, request samples not refreshed in 30 days) in bounded batches, until nothing is left or the deadline comes. Idempotent:
// running it twice deletes nothing the first run did not. The audit trail is never pruned.

export async function runRetention(ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  const report = emptyCycleReport();
  for (;;) {
    if (Date.now() >= options.deadline) {
      report.deadlineReached = true;
      return report;
    }
    const pruned = await pruneExpiredRows(ctx.sql, ctx.now());
    const removed = pruned.requestIds + pruned.quotaWindows + pruned.cycleRuns + pruned.requestSamples;
    report.processed += removed;
    if (removed === 0) return report;
  }
}
