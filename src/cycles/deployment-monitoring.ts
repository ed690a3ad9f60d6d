import { coerceError } from "../core/errors.ts";
import type { ProjectForge } from "../deliver/forge.ts";
import { recordStepFailure } from "../missions/record-step-failure.ts";
import { followRevert, judgeMission } from "../missions/watch-mission.ts";
import { claimMissions } from "../store/missions/claim-missions.ts";
import { updateMission } from "../store/missions/update-mission.ts";
import type { CycleOptions, CycleReport } from "./cycle.ts";
import type { HealContext } from "./heal-context.ts";
import { forEachProject } from "./project-loop.ts";

// Cycle 3, deployment-monitoring: judge deployed fixes once their watch window has passed.
// healed → the group is resolved; still firing → not_healed; new errors in the changed lines →
// regressed, and the fix is reverted (rolled_back) when the forge can do it.

const LEASE_SECONDS = 5 * 60;

export async function runDeploymentMonitoring(ctx: HealContext, options: CycleOptions): Promise<CycleReport> {
  return forEachProject(ctx, options, "deployment-monitoring", async (project, report) => {
    const missions = await claimMissions(ctx.sql, {
      projectId: project.id,
      runnerId: ctx.runnerId,
      // A regressed mission may have a revert pull request in flight (GitHub): followed here too.
      states: ["watching", "regressed"],
      limit: 50,
      leaseSeconds: LEASE_SECONDS,
    });
    if (missions.length === 0) return;
    let forge: ProjectForge;
    try {
      forge = await ctx.forgeFor(project);
    } catch (error) {
      for (const mission of missions) await updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true });
      throw error;
    }
    for (const mission of missions) {
      if (Date.now() >= options.deadline) {
        report.deadlineReached = true;
        await updateMission(ctx.sql, mission.id, ctx.runnerId, {}, { release: true });
        continue;
      }
      try {
        if (mission.state === "regressed") {
          if (await followRevert(ctx, project, forge, mission)) report.processed += 1;
        } else {
          await judgeMission(ctx, project, forge, mission);
          report.processed += 1;
        }
      } catch (error) {
        report.failed += 1;
        const failure = coerceError(error);
        report.errors.push(`${mission.id}: ${failure.message}`);
        await recordStepFailure(ctx, project.id, mission, failure);
      }
    }
  });
}
