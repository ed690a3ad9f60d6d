import type { CycleName, CycleOptions, CycleReport } from "./cycle.ts";
import { runDeploymentMonitoring } from "./deployment-monitoring.ts";
import { runDetectAndFix } from "./detect-and-fix.ts";
import type { HealContext } from "./heal-context.ts";
import { runPatternLearning } from "./pattern-learning.ts";

// One bounded run of a named cycle. Each cycle stops taking work at the deadline and leaves the
// rest for the next tick; running two at once is safe because work is claimed with leases.

const CYCLES: Record<CycleName, (ctx: HealContext, options: CycleOptions) => Promise<CycleReport>> = {
  "detect-and-fix": runDetectAndFix,
  "pattern-learning": runPatternLearning,
  "deployment-monitoring": runDeploymentMonitoring,
};

export async function runCycle(name: CycleName, ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  return CYCLES[name](ctx, options);
}
